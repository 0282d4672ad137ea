using System.Security.Cryptography;
using Athar.Imaging.TurboJpeg;
using Athar.Synth.Output;

namespace Athar.Synth.Tests;

public sealed class SynthGeneratorTests(SynthArchiveFixture archive) : IClassFixture<SynthArchiveFixture>
{
    [Fact]
    public void Ground_truth_and_files_agree()
    {
        var listed = archive.Truth.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(archive.Truth.Files.Count, listed.Count);
        foreach (var file in archive.Truth.Files)
        {
            var bytes = File.ReadAllBytes(archive.Full(file.Path));
            Assert.Equal(file.Size, bytes.Length);
            Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
        var onDisk = Directory.EnumerateFiles(archive.Root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(archive.Root, p).Replace('\\', '/'))
            .Where(p => p != GroundTruth.FileName)
            .ToList();
        Assert.Equal(listed.Order(StringComparer.Ordinal), onDisk.Order(StringComparer.Ordinal));
        Assert.All(onDisk, p => Assert.StartsWith("drive-0", p));
    }

    [Fact]
    public void Card_digits_name_rendering_half_samples_one_per_drawn_digit()
    {
        Assert.NotEmpty(archive.Truth.Cases);
        foreach (var c in archive.Truth.Cases)
        {
            var lines = c.CardDigits!;
            string[] numbers = [c.Card.Detainee, c.Card.Branch, c.Card.Report];
            Assert.Equal(3, lines.Count);
            for (var line = 0; line < 3; line++)
            {
                Assert.Equal(numbers[line].Length, lines[line].Count);
                for (var k = 0; k < numbers[line].Length; k++)
                {
                    var digit = numbers[line][k] - '0';
                    var first = Athar.Synth.Digits.MnistDigits.Instance.PackageIndex(digit, 0);
                    Assert.InRange(lines[line][k].Sample, first, first + Athar.Synth.Digits.MnistDigits.Instance.Count(digit) - 1);
                    Assert.InRange(lines[line][k].Covered, 0, 1);
                }
            }
        }
    }

    [Fact]
    public void A_cover_over_the_top_left_corner_hides_the_first_detainee_digit_and_not_the_last_report_digit()
    {
        var checkedCases = 0;
        for (var index = 0; index < 500 && checkedCases < 3; index++)
        {
            var scene = Athar.Synth.Scenes.SceneSpec.ForCase(7, index, 1, 1600, 1200);
            if (scene.OccludedCorner != 0 || scene.OcclusionSize < 0.25f) continue;
            var digits = Athar.Synth.Scenes.CardTexture.Digits(7, index, ["12345", "215", "678"], scene);
            Assert.True(digits[0][0].Covered > 0.5, $"case {index}: first detainee digit {digits[0][0].Covered:P0} covered");
            Assert.Equal(0, digits[2][^1].Covered);
            checkedCases++;
        }
        Assert.Equal(3, checkedCases);
        var open = Enumerable.Range(0, 50).First(i => Athar.Synth.Scenes.SceneSpec.ForCase(7, i, 1, 1600, 1200).OccludedCorner < 0);
        var uncovered = Athar.Synth.Scenes.CardTexture.Digits(7, open, ["12345", "215", "678"], Athar.Synth.Scenes.SceneSpec.ForCase(7, open, 1, 1600, 1200));
        Assert.All(uncovered.SelectMany(l => l), d => Assert.Equal(0, d.Covered));
    }

    [Fact]
    public void Counts_match_the_options()
    {
        Assert.Equal(archive.Options.Photos, archive.Originals.Count());
        Assert.Equal(archive.Options.Photos, archive.Result.Photos);
        Assert.Equal(archive.Truth.Files.Count, archive.Result.Files);
        Assert.Equal(3, archive.Truth.Cameras.Count(c => !c.Foreign));
        Assert.Equal(archive.Options.Seed, archive.Truth.Seed);
        Assert.True(Directory.Exists(archive.Full("drive-01")));
        Assert.True(Directory.Exists(archive.Full("drive-02")));
    }

    [Fact]
    public void Every_anomaly_type_is_planted()
    {
        foreach (var type in AnomalyTypes.All) Assert.NotEmpty(archive.With(type));
    }

    [Fact]
    public void Every_image_decodes_unless_deliberately_corrupt()
    {
        var corrupt = archive.With(AnomalyType.Corrupt).Select(f => f.Sha256).ToHashSet();
        foreach (var file in archive.Truth.Files.Where(f => f.Kind != "other"))
        {
            var bytes = File.ReadAllBytes(archive.Full(file.Path));
            if (corrupt.Contains(file.Sha256)) continue;
            using var image = JpegDecoder.Shared.Decode(bytes);
            if (file.Kind != "derived")
            {
                Assert.Equal(archive.Options.Width, image.Width);
                Assert.Equal(archive.Options.Height, image.Height);
            }
        }
    }

    [Fact]
    public void Corrupt_files_are_really_broken()
    {
        foreach (var file in archive.With(AnomalyType.Corrupt))
        {
            var bytes = File.ReadAllBytes(archive.Full(file.Path));
            var detail = file.Anomalies.Single(a => a.Type == "corrupt").Detail!;
            if (detail.StartsWith("truncated", StringComparison.Ordinal))
                Assert.False(bytes.AsSpan(bytes.Length - 2).SequenceEqual(new byte[] { 0xFF, 0xD9 }), "a truncated file has no EOI");
            else
                Assert.ThrowsAny<TurboJpegException>(() => JpegDecoder.Shared.Decode(bytes).Dispose());
        }
    }

    [Fact]
    public void Copies_and_near_duplicates_point_at_their_originals()
    {
        var byPath = archive.Truth.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var copies = archive.Truth.Files.Where(f => f.Kind == "copy").ToList();
        var derived = archive.Truth.Files.Where(f => f.Kind == "derived").ToList();
        Assert.NotEmpty(copies);
        Assert.NotEmpty(derived);
        Assert.Contains(copies, c => c.Derivation == "renamed");
        foreach (var copy in copies)
        {
            var original = byPath[copy.CopyOf!];
            Assert.Equal("original", original.Kind);
            Assert.Equal(original.Sha256, copy.Sha256);
            Assert.Equal(original.Camera, copy.Camera);
        }
        foreach (var near in derived)
        {
            var original = byPath[near.DerivedFrom!];
            Assert.NotEqual(original.Sha256, near.Sha256);
            Assert.Contains(near.Derivation, new[] { "resized", "recompressed", "cropped" });
        }
        Assert.Contains(archive.Truth.Files, f => f.Kind == "other" && f.Path.EndsWith("/Thumbs.db", StringComparison.Ordinal));
        Assert.Contains(archive.Truth.Files, f => f.Kind == "other" && f.Path.EndsWith("/notes.txt", StringComparison.Ordinal));
    }

    [Fact]
    public void Cases_have_cards_and_photos_in_order()
    {
        var originals = archive.Originals.ToDictionary(f => f.Path, StringComparer.Ordinal);
        foreach (var c in archive.Truth.Cases)
        {
            Assert.Matches("^[1-9][0-9]{2,4}$", c.Card.Detainee);
            Assert.Matches("^[1-9][0-9]{2,4}$", c.Card.Report);
            Assert.Contains(c.Card.Branch, Planning.ArchivePlanner.Branches);
            Assert.InRange(c.Photos.Count, 1, 20);
            var times = c.Photos.Select(p => originals[p].ShotAt!).ToList();
            Assert.Equal(times.Order(StringComparer.Ordinal), times);
            Assert.All(c.Photos, p => Assert.Equal(c.Id, originals[p].Case));
        }
        Assert.True(archive.Truth.Cases.Count(c => c.Photos.Count is >= 3 and <= 20) >= archive.Truth.Cases.Count - 3);
    }

    [Fact]
    public void File_names_follow_the_camera_conventions()
    {
        foreach (var file in archive.Originals.Where(f => !f.Anomalies.Any(a => a.Type == "foreign")))
        {
            var camera = archive.Truth.Cameras.Single(c => c.Id == file.Camera);
            var (prefix, folder) = camera.Make switch
            {
                "NIKON" => ("DSCN", "NIKON"),
                "FUJIFILM" => ("DSCF", "_FUJI"),
                "Canon" => ("IMG_", "CANON"),
                _ => ("DSC0", "MSDCF"),
            };
            Assert.Matches($"^drive-0[12]/sd-[0-9]+/DCIM/[1-9][0-9][0-9]{folder}/{prefix}[0-9]{{4}}( \\([0-9]+\\))?\\.JPG$", file.Path);
        }
    }
}
