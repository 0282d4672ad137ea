using Athar.Forensics.Pdq;
using Athar.TestSupport;

namespace Athar.Forensics.Tests.Pdq;

/// <summary>PDQ hashes of the PDQ test images against the reference hasher's output.</summary>
public sealed class PdqJpegTests
{
    public static TheoryData<string> QualityImages => PdqReferenceData.Paths(80);

    public static TheoryData<string> AllImages => PdqReferenceData.Paths(0);

    [Theory]
    [MemberData(nameof(QualityImages))]
    public void Scaled_decoding_stays_within_distance_10_of_the_reference(string path)
    {
        var expected = PdqReferenceData.Get(path);

        var actual = PdqJpeg.HashFile(expected.FullPath);

        var distance = actual.Hash.DistanceTo(expected.Hash);
        TestContext.Current.TestOutputHelper?.WriteLine($"{path}: distance {distance}, quality {actual.Quality} (reference {expected.Quality})");
        Assert.InRange(distance, 0, 10);
        Assert.InRange(actual.Quality, expected.Quality - 10, expected.Quality + 10);
    }

    [Theory]
    [MemberData(nameof(AllImages))]
    public void Reference_pipeline_is_bit_exact(string path)
    {
        // libjpeg-turbo's accurate integer IDCT gives the same pixels as the reference's libjpeg here, so
        // the full-size pipeline must reproduce the reference exactly, low-quality images included.
        var expected = PdqReferenceData.Get(path);

        var actual = PdqJpeg.HashFile(expected.FullPath, PdqOptions.Reference);

        Assert.Equal(expected.Hash.ToString(), actual.Hash.ToString());
        Assert.Equal(expected.Quality, actual.Quality);
    }

    [Fact]
    public void Every_camera_original_hashes()
    {
        // Genuine photos must hash, those on which libjpeg-turbo only warns included (as the reference would).
        var files = Directory.EnumerateFiles(TestData.CameraOriginals, "*.jpg", new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive }).ToList();
        var warned = 0;
        foreach (var file in files)
        {
            if (new FileInfo(file).Length == 0)
            {
                // One file of the set is empty ("Olympus μ Digital 800.JPG"): nothing to hash, and it must say so.
                Assert.Throws<Athar.Imaging.TurboJpeg.TurboJpegException>(() => PdqJpeg.HashFile(file));
                continue;
            }
            var result = PdqJpeg.HashFile(file);
            Assert.InRange(result.Quality, 0, 100);
            if (result.Warning is not null)
            {
                warned++;
                TestContext.Current.TestOutputHelper?.WriteLine($"{Path.GetFileName(file)}: {result.Warning}");
            }
        }
        Assert.Equal(87, files.Count);
        Assert.True(warned > 0, "some camera originals carry stray bytes that libjpeg-turbo warns about");
    }

    [Fact]
    public void Odd_and_broken_files_hash_or_fail_with_a_decoder_error()
    {
        var folder = Path.Combine(TestData.Robustness, "image-test-suite");
        var (hashed, refused) = (0, 0);
        foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            try
            {
                var result = PdqJpeg.HashFile(file);
                Assert.InRange(result.Quality, 0, 100);
                hashed++;
            }
            catch (Athar.Imaging.TurboJpeg.TurboJpegException e)
            {
                TestContext.Current.TestOutputHelper?.WriteLine($"{Path.GetFileName(file)}: {e.Message}");
                refused++;
            }
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"{hashed} hashed, {refused} refused");
        Assert.True(hashed > 0);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46 })]
    [InlineData(new byte[] { 0x00, 0x01, 0x02 })]
    public void Truncated_or_foreign_bytes_are_refused(byte[] bytes) =>
        Assert.Throws<Athar.Imaging.TurboJpeg.TurboJpegException>(() => PdqJpeg.Hash(bytes));

    [Theory]
    [InlineData(4032, 3024, 256, 8)]
    [InlineData(1600, 1004, 256, 2)]
    [InlineData(1600, 1004, 512, 1)]
    [InlineData(4032, 3024, 1024, 2)]
    [InlineData(6000, 4000, 1024, 2)]
    [InlineData(8192, 5464, 1024, 4)]
    [InlineData(256, 256, 256, 1)]
    [InlineData(4032, 3024, 0, 1)]
    public void Scale_is_the_smallest_keeping_the_smaller_side_at_the_floor(int width, int height, int floor, int denominator) =>
        Assert.Equal(denominator, PdqJpeg.ChooseScale(width, height, floor).Denom);

    [Fact]
    public void Survey_of_decoding_floors()
    {
        _ = TestData.Pdq;
        // The PDQ-set column of the table in docs/pdq.md (floor 128 and the runs without the reference's
        // resampling were measured the same way and dropped here to keep the suite short).
        var output = TestContext.Current.TestOutputHelper;
        foreach (var floor in new[] { 256, 512, 1024 })
        {
            var options = new PdqOptions { MinimumDecodedSide = floor };
            var distances = PdqReferenceData.Rows.Where(r => r.Quality >= 80)
                .Select(r => PdqJpeg.HashFile(r.FullPath, options).Hash.DistanceTo(r.Hash)).ToList();
            output?.WriteLine($"floor {floor}: max {distances.Max()} mean {distances.Average():F2} [{string.Join(' ', distances)}]");
            if (floor >= 512) Assert.InRange(distances.Max(), 0, 2);
        }
    }
}
