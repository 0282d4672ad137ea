using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Athar.Imaging.Raster;
using Athar.Imaging.TurboJpeg;
using Athar.Synth.Cameras;
using Athar.Synth.Output;
using Athar.Synth.Planning;
using Athar.Synth.Rendering;
using Athar.Synth.Scenes;

namespace Athar.Synth;

/// <summary>
/// Writes a synthetic Caesar-style archive with ground truth: `drive-NN/…` folders of camera originals,
/// copies, near-duplicates and stray files, and DIR/ground-truth.json. Same options, same bytes.
/// </summary>
public static class SynthGenerator
{
    public const string Version = "athar-synth 1";

    /// <summary>
    /// Generates the archive described by <paramref name="options"/>. Reports files finished out of the
    /// total through <paramref name="progress"/> (from worker threads). Throws <see cref="ArgumentException"/>
    /// for invalid options and <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    public static SynthResult Generate(SynthOptions options, IProgress<SynthProgress>? progress = null, CancellationToken cancel = default)
    {
        options.Validate();
        var clock = Stopwatch.StartNew();
        var root = Path.GetFullPath(options.OutputDirectory);
        Directory.CreateDirectory(root);
        foreach (var old in Directory.EnumerateDirectories(root, "drive-*")) Directory.Delete(old, recursive: true);

        var planner = new ArchivePlanner(options);
        planner.Plan();
        var photos = planner.Photos;
        var assets = new RenderAssets(options.Seed, options.Width);
        var factory = new PhotoFactory(options, assets);
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.Parallelism > 0 ? options.Parallelism : Environment.ProcessorCount,
            CancellationToken = cancel,
        };
        var hashes = new string[photos.Count];
        var sizes = new long[photos.Count];
        var cardQuads = new PointF[]?[photos.Count];
        var done = 0;
        var total = photos.Count + planner.Extras.Count;
        Parallel.ForEach(photos, parallel, photo =>
        {
            var bytes = factory.Produce(photo, out var quad);
            cardQuads[photo.Index] = quad;
            Write(root, photo.Path, bytes);
            hashes[photo.Index] = Convert.ToHexStringLower(SHA256.HashData(bytes));
            sizes[photo.Index] = bytes.Length;
            progress?.Report(new SynthProgress(Interlocked.Increment(ref done), total));
        });

        var extras = planner.Extras;
        var extraHashes = new string[extras.Count];
        var extraSizes = new long[extras.Count];
        Parallel.For(0, extras.Count, parallel, i =>
        {
            var extra = extras[i];
            byte[] bytes = extra.Kind switch
            {
                "copy" => File.ReadAllBytes(Full(root, extra.Original!.Path)),
                "derived" => NearDuplicate(File.ReadAllBytes(Full(root, extra.Original!.Path)), extra.Derivation!, SynthRandom.For(options.Seed, "derived", i)),
                _ => OtherFile(extra, options, SynthRandom.For(options.Seed, "other", i)),
            };
            Write(root, extra.Path, bytes);
            extraHashes[i] = extra.Kind == "copy" ? hashes[extra.Original!.Index] : Convert.ToHexStringLower(SHA256.HashData(bytes));
            extraSizes[i] = bytes.Length;
            progress?.Report(new SynthProgress(Interlocked.Increment(ref done), total));
        });

        var truth = BuildGroundTruth(options, planner, hashes, sizes, cardQuads, extraHashes, extraSizes);
        var truthPath = Path.Combine(root, GroundTruth.FileName);
        File.WriteAllBytes(truthPath, JsonSerializer.SerializeToUtf8Bytes(truth, GroundTruth.JsonOptions));
        var anomalies = photos.Sum(p => p.Anomalies.Count);
        return new SynthResult(photos.Count, photos.Count + extras.Count, planner.Cameras.Count, planner.Cases.Count(c => c.Photos.Count > 0), options.Drives, anomalies, clock.Elapsed, truth)
        {
            GroundTruthPath = truthPath,
        };
    }

    private static string Full(string root, string relative) => Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));

    private static void Write(string root, string relative, byte[] bytes)
    {
        var full = Full(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
    }

    /// <summary>A near-duplicate as a web export or a phone transfer makes it: resized, recompressed or cropped, without EXIF.</summary>
    private static byte[] NearDuplicate(byte[] original, string derivation, SynthRandom random)
    {
        using var pixels = JpegDecoder.Shared.Decode(original, PixelLayout.Rgb24, JpegScale.Full, tolerateWarnings: true, out _);
        switch (derivation)
        {
            case "resized":
            {
                var f = random.Range(0.45, 0.8);
                using var small = Resample.Bilinear(pixels, Math.Max(16, (int)(pixels.Width * f)), Math.Max(12, (int)(pixels.Height * f)));
                return JpegEncoder.Shared.Encode(small, random.Between(80, 90), JpegSubsampling.Yuv420);
            }
            case "cropped":
            {
                var f = random.Range(0.8, 0.95);
                var w = (int)(pixels.Width * f);
                var h = (int)(pixels.Height * f);
                using var crop = pixels.Crop(new RectI(random.Between(0, pixels.Width - w), random.Between(0, pixels.Height - h), w, h));
                return JpegEncoder.Shared.Encode(crop, random.Between(85, 92), JpegSubsampling.Yuv420);
            }
            default:
                return JpegEncoder.Shared.Encode(pixels, random.Between(55, 75), JpegSubsampling.Yuv420);
        }
    }

    private static byte[] OtherFile(ExtraFile extra, SynthOptions options, SynthRandom random)
    {
        if (extra.Derivation == "note")
        {
            var text = $"Drive {extra.Drive + 1}\r\nCopied from the office computer.\r\nDo not delete.\r\n{options.Start.AddDays(random.Between(60, 400)):dd/MM/yyyy}\r\n";
            return Encoding.UTF8.GetBytes(text);
        }
        // Thumbs.db: an OLE compound file header (D0 CF 11 E0 A1 B1 1A E1) and filler, as Windows leaves behind.
        var bytes = new byte[512 * random.Between(8, 40)];
        ReadOnlySpan<byte> magic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        magic.CopyTo(bytes);
        for (var i = 512; i < bytes.Length; i++) bytes[i] = (byte)(random.Chance(0.7) ? 0 : random.Next(256));
        return bytes;
    }

    private static GroundTruth BuildGroundTruth(SynthOptions options, ArchivePlanner planner, string[] hashes, long[] sizes, PointF[]?[] cardQuads, string[] extraHashes, long[] extraSizes)
    {
        static string Time(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        static GroundTruthRect? Rect(RectI? r) => r is { } v ? new GroundTruthRect(v.X, v.Y, v.Width, v.Height) : null;
        static List<GroundTruthAnomaly> Anomalies(PhotoPlan p) =>
            p.Anomalies.Select(a => new GroundTruthAnomaly(a.Type.Name(), Rect(a.Region), a.Source, Rect(a.SourceRegion), a.Detail)).ToList();

        var usedCameras = planner.Cameras.Concat(planner.ForeignCameras.Where(c => planner.Photos.Exists(p => p.Camera == c)));
        var cameras = usedCameras.Select(c => new GroundTruthCamera(c.Id, c.Model.Make, c.Model.Model, c.Serial,
            string.IsNullOrEmpty(c.Model.Software) ? null : c.Model.Software, c.Model.Quality, c.Model.Subsampling.ToString(), c.IsForeign, c.ClockOffsetSeconds)).ToList();
        var cases = planner.Cases.Where(c => c.Photos.Count > 0)
            .Select(c => new GroundTruthCase(c.Id, c.Camera.Id, new GroundTruthCard(c.Detainee, c.Branch, c.Report), c.Bodies, c.Photos.Select(p => p.Path).ToList())
            {
                CardDigits = CardTexture.Digits(options.Seed, c.Index, c.CardLines, SceneSpec.ForCase(options.Seed, c.Index, c.Bodies, options.Width, options.Height)),
            })
            .ToList();
        var files = new List<GroundTruthFile>();
        foreach (var p in planner.Photos)
        {
            var hasExif = p.Find(AnomalyType.Stripped) is null && p.Find(AnomalyType.Corrupt) is not { Variant: 0, Amount: < 0.05 };
            files.Add(new GroundTruthFile(p.Path, hashes[p.Index], sizes[p.Index], "original", p.Camera.Id, p.Case?.Id, Time(p.ShotAt),
                hasExif ? Time(p.CameraTime) : null, null, null, null, Anomalies(p))
            {
                CardQuad = cardQuads[p.Index]?.Select(q => new[] { MathF.Round(q.X, 1), MathF.Round(q.Y, 1) }).ToList(),
            });
        }
        for (var i = 0; i < planner.Extras.Count; i++)
        {
            var e = planner.Extras[i];
            var p = e.Original;
            files.Add(e.Kind switch
            {
                "copy" => new GroundTruthFile(e.Path, extraHashes[i], extraSizes[i], "copy", p!.Camera.Id, p.Case?.Id, Time(p.ShotAt),
                    p.Find(AnomalyType.Stripped) is null ? Time(p.CameraTime) : null, p.Path, null, e.Derivation, Anomalies(p)),
                "derived" => new GroundTruthFile(e.Path, extraHashes[i], extraSizes[i], "derived", p!.Camera.Id, p.Case?.Id, Time(p.ShotAt),
                    null, null, p.Path, e.Derivation, []),
                _ => new GroundTruthFile(e.Path, extraHashes[i], extraSizes[i], "other", null, null, null, null, null, null, e.Derivation, []),
            });
        }
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        var gtOptions = new GroundTruthOptions(options.Photos, options.Cameras, options.Drives, options.Width, options.Height, options.AnomalyRate,
            options.AnomalyTypes.Select(t => t.Name()).ToList(), options.BodiesPerDay, Time(options.Start));
        return new GroundTruth(options.Seed, Version, gtOptions, cameras, cases, files);
    }
}
