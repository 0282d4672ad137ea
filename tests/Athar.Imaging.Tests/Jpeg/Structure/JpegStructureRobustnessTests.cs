using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Athar.Imaging.Jpeg.Structure;
using Athar.TestSupport;

namespace Athar.Imaging.Tests.Jpeg.Structure;

/// <summary>
/// Hostile input (STYLE habit 5): odd and broken real files, then 10,000 mutations of real files. Parse must
/// return (never throw, never hit its own safety net) and take under a second per file.
/// </summary>
public sealed class JpegStructureRobustnessTests(ITestOutputHelper output)
{
    private static readonly TimeSpan PerFileLimit = TimeSpan.FromSeconds(1);

    /// <summary>The Fixtures folder beside this source file (read in place, so the project file needs no copy rule).</summary>
    private static string FixturesFolder([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "Fixtures");

    [Fact]
    public void Odd_and_broken_files_are_parsed_without_exceptions()
    {
        var files = Directory.EnumerateFiles(TestData.Robustness, "*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(TestData.ExifSamples, "jpg", "invalid"), "*", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(files.Count > 100, $"{files.Count} files");
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var path in files)
        {
            var bytes = File.ReadAllBytes(path);
            var watch = Stopwatch.StartNew();
            var s = JpegStructureParser.Parse(bytes);
            watch.Stop();
            Assert.True(watch.Elapsed < PerFileLimit, $"{path}: {watch.Elapsed.TotalMilliseconds:F0} ms");
            Assert.DoesNotContain(s.Issues, i => i.Code == JpegStructureIssueCodes.ParserFault);
            foreach (var issue in s.Issues) codes[issue.Code] = codes.GetValueOrDefault(issue.Code) + 1;
        }
        output.WriteLine($"{files.Count} files; issues: " + string.Join(", ", codes.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value}")));
    }

    [Theory]
    [InlineData("stuffing")]      // one scan of FF 00 pairs: the entropy skipper's worst case
    [InlineData("restarts")]      // one scan of RST markers
    [InlineData("stray-markers")] // FF D0 outside any scan: one marker each until the cap
    [InlineData("tiny-segments")] // empty APP15 segments: one marker each until the cap
    [InlineData("garbage")]       // no FF at all after SOI
    [InlineData("fill")]          // FF fill bytes only
    public void Eight_megabytes_of_adversarial_input_parse_in_linear_time(string kind)
    {
        const int Size = 8 << 20;
        var data = new byte[Size];
        var (prefix, pattern) = kind switch
        {
            "stuffing" => (SyntheticJpeg.Minimal()[..^6], new byte[] { 0xFF, 0x00 }),
            "restarts" => (SyntheticJpeg.Minimal()[..^6], [0xFF, 0xD0, 0xFF, 0xD1, 0xFF, 0xD2, 0xFF, 0xD3, 0xFF, 0xD4, 0xFF, 0xD5, 0xFF, 0xD6, 0xFF, 0xD7]),
            "stray-markers" => (SyntheticJpeg.Soi, [0xFF, 0xD0]),
            "tiny-segments" => (SyntheticJpeg.Soi, [0xFF, 0xEF, 0x00, 0x02]),
            "garbage" => (SyntheticJpeg.Soi, [0x12]),
            _ => (SyntheticJpeg.Soi, [0xFF]),
        };
        prefix.CopyTo(data, 0);
        for (var i = prefix.Length; i + pattern.Length <= Size; i += pattern.Length) pattern.CopyTo(data, i);
        var watch = Stopwatch.StartNew();
        var s = JpegStructureParser.Parse(data);
        watch.Stop();
        output.WriteLine($"{kind}: {watch.Elapsed.TotalMilliseconds:F0} ms, {s.Markers.Count} markers, {s.Issues.Count} issues");
        Assert.True(watch.Elapsed < PerFileLimit, $"{kind}: {watch.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(s.Markers.Count <= JpegStructureParser.MaxMarkers + 1);
        Assert.True(s.Issues.Count <= JpegStructureParser.MaxIssues + 1);
        Assert.DoesNotContain(s.Issues, i => i.Code == JpegStructureIssueCodes.ParserFault);
    }

    [Fact]
    public void Crasher_fixtures_parse_without_exceptions()
    {
        var folder = FixturesFolder();
        if (!Directory.Exists(folder)) Assert.Skip($"no fixtures folder at {folder} (sources not beside the binary)");
        foreach (var path in Directory.EnumerateFiles(folder, "*.jpg"))
        {
            var s = JpegStructureParser.Parse(File.ReadAllBytes(path));
            Assert.DoesNotContain(s.Issues, i => i.Code == JpegStructureIssueCodes.ParserFault);
        }
    }

    [Fact]
    public void Ten_thousand_mutations_of_real_files_never_throw_or_hang()
    {
        // ATHAR_FUZZ_CASES and ATHAR_FUZZ_START run a longer campaign by hand (e.g. 200000 cases from 10000); the default is the CI budget.
        var cases = int.TryParse(Environment.GetEnvironmentVariable("ATHAR_FUZZ_CASES"), out var c) ? c : 10_000;
        var first = int.TryParse(Environment.GetEnvironmentVariable("ATHAR_FUZZ_START"), out var f) ? f : 0;
        var seeds = Seeds();
        var slowest = TimeSpan.Zero;
        var failures = new ConcurrentQueue<string>();
        var codes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var total = Stopwatch.StartNew();
        Parallel.For(first, first + cases, new ParallelOptions { MaxDegreeOfParallelism = Math.Min(Environment.ProcessorCount, 2) }, i =>
        {
            var random = new Random(unchecked(1_000_003 * i + 17));
            var seed = seeds[i % seeds.Count];
            var mutated = Mutate(seed, random, out var how);
            var watch = Stopwatch.StartNew();
            JpegStructure s;
            try { s = JpegStructureParser.Parse(mutated); }
            catch (Exception ex) { failures.Enqueue($"case {i} ({how}): {ex}"); return; }
            watch.Stop();
            if (watch.Elapsed > PerFileLimit) failures.Enqueue($"case {i} ({how}): {watch.Elapsed.TotalMilliseconds:F0} ms");
            lock (failures) if (watch.Elapsed > slowest) slowest = watch.Elapsed;
            foreach (var issue in s.Issues)
            {
                if (issue.Code == JpegStructureIssueCodes.ParserFault) failures.Enqueue($"case {i} ({how}): {issue.Message}");
                codes.AddOrUpdate(issue.Code, 1, (_, n) => n + 1);
            }
            // The result must be usable: the signature and thumbnail slices stay inside the data.
            _ = JpegSnoopSignature.Compute(s);
            if (s.ExifThumbnail is { } t && (t.Offset < 0 || t.Offset + t.Length > mutated.Length)) failures.Enqueue($"case {i} ({how}): thumbnail {t} outside {mutated.Length} bytes");
        });
        output.WriteLine($"{cases} cases from {seeds.Count} seeds in {total.Elapsed.TotalSeconds:F1} s, slowest {slowest.TotalMilliseconds:F1} ms");
        output.WriteLine(string.Join(", ", codes.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value}")));
        Assert.True(failures.IsEmpty, string.Join('\n', failures.Take(20)));
    }

    /// <summary>Real camera files cut to their first 64 KB plus their last 2 KB (so EOI and trailers stay), plus synthetic ones with every APPn kind.</summary>
    private static List<byte[]> Seeds()
    {
        var seeds = new List<byte[]>();
        seeds.Add(RichSynthetic());
        foreach (var original in CameraOriginals.All.Where((_, index) => index % 6 == 0))
        {
            var b = original.Bytes;
            seeds.Add(b.Length <= 66 * 1024 ? b : [.. b.AsSpan(0, 64 * 1024), .. b.AsSpan(b.Length - 2048)]);
        }
        return seeds;
    }

    /// <summary>A small stream with every APPn kind the parser interprets, a restart interval and a trailer.</summary>
    private static byte[] RichSynthetic()
    {
        var (exif, _) = SyntheticJpeg.ExifWithThumbnail(littleEndian: true);
        var jpeg = SyntheticJpeg.Minimal([0x11, 0xFF, 0x00, 0xFF, 0xD0, 0x22], exif,
            SyntheticJpeg.Segment(0xE0, [.. "JFIF\0"u8, 1, 2, 1, 0, 72, 0, 72, 0, 0]),
            SyntheticJpeg.Segment(0xE1, [.. "http://ns.adobe.com/xap/1.0/\0"u8, .. "<x/>"u8]),
            SyntheticJpeg.Segment(0xE2, [.. "ICC_PROFILE\0"u8, 1, 1, 0xAA]),
            SyntheticJpeg.Segment(0xED, [.. "Photoshop 3.0\0"u8, .. "8BIM"u8, 0x04, 0x04, 0, 0, 0, 0, 0, 2, 1, 2]),
            SyntheticJpeg.Segment(0xEE, [.. "Adobe"u8, 0, 100, 0, 0, 0, 0, 1]),
            SyntheticJpeg.Segment(0xE2, [.. "MPF\0"u8, .. "MM"u8, 0, 42, 0, 0, 0, 8, 0, 1, 0xB0, 0x02, 0, 7, 0, 0, 0, 32, 0, 0, 0, 0, 0, 0, 0, 0]),
            SyntheticJpeg.Segment(0xFE, [.. "comment"u8]),
            SyntheticJpeg.Segment(0xDD, 0, 1));
        return SyntheticJpeg.Concat(jpeg, SyntheticJpeg.Minimal());
    }

    [Fact]
    public void Every_byte_of_a_rich_header_set_to_each_of_six_values_never_throws()
    {
        // The gremlin test of metadata-extractor (ExifReaderGremlinTest): change each byte in turn.
        var seed = RichSynthetic();
        var values = new Func<byte, byte>[] { _ => 0x00, _ => 0xFF, _ => 0x01, _ => 0x7F, _ => 0x80, b => (byte)~b };
        var failures = new List<string>();
        var copy = new byte[seed.Length];
        for (var at = 0; at < seed.Length; at++)
        {
            foreach (var value in values)
            {
                seed.CopyTo(copy, 0);
                copy[at] = value(seed[at]);
                var s = JpegStructureParser.Parse(copy);
                if (s.Issues.Any(i => i.Code == JpegStructureIssueCodes.ParserFault)) failures.Add($"byte {at} = {copy[at]:X2}: {s.Issues.First(i => i.Code == JpegStructureIssueCodes.ParserFault).Message}");
            }
        }
        output.WriteLine($"{seed.Length * values.Length} cases");
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
    }

    private static byte[] Mutate(byte[] seed, Random random, out string how)
    {
        var data = new List<byte>(seed);
        var steps = random.Next(1, 5);
        how = "";
        for (var step = 0; step < steps && data.Count > 0; step++)
        {
            // Half the mutations land in the first 4 KB, where the marker segments are; the rest anywhere.
            var at = random.Next(2) == 0 ? random.Next(Math.Min(4096, data.Count)) : random.Next(data.Count);
            switch (random.Next(7))
            {
                case 0: data[at] ^= (byte)(1 << random.Next(8)); how += $"flip@{at} "; break;
                case 1: data[at] = 0xFF; how += $"ff@{at} "; break;
                case 2: data[at] = 0x00; how += $"00@{at} "; break;
                case 3: data.RemoveRange(at, data.Count - at); how += $"cut@{at} "; break;
                case 4:
                    var insert = new byte[random.Next(1, 9)];
                    random.NextBytes(insert);
                    data.InsertRange(at, insert);
                    how += $"insert{insert.Length}@{at} ";
                    break;
                case 5: data.RemoveRange(at, Math.Min(random.Next(1, 64), data.Count - at)); how += $"remove@{at} "; break;
                default:
                    // A length field: the two bytes after some FF xx marker set to 0, 1 or FFFF.
                    var marker = FindMarker(data, at);
                    if (marker < 0 || marker + 3 >= data.Count) break;
                    var value = random.Next(3) switch { 0 => 0, 1 => 1, _ => 0xFFFF };
                    data[marker + 2] = (byte)(value >> 8);
                    data[marker + 3] = (byte)value;
                    how += $"len{value}@{marker} ";
                    break;
            }
        }
        return [.. data];
    }

    private static int FindMarker(List<byte> data, int from)
    {
        for (var i = from; i + 1 < data.Count; i++)
            if (data[i] == 0xFF && data[i + 1] is >= 0xC0 and not 0xFF and not (>= 0xD0 and <= 0xD9)) return i;
        return -1;
    }
}
