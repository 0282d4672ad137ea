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
    public void Survey_of_decoding_floors()
    {
        _ = TestData.Pdq;
        var output = TestContext.Current.TestOutputHelper;
        // The table in docs/pdq.md; floors below 128 leave too few pixels (distances of 30 and more).
        foreach (var resample in new[] { true, false })
        {
            foreach (var floor in new[] { 128, 256, 512 })
            {
                var options = new PdqOptions { MinimumDecodedSide = floor, ReferenceResample = resample };
                var distances = PdqReferenceData.Rows.Where(r => r.Quality >= 80)
                    .Select(r => PdqJpeg.HashFile(r.FullPath, options).Hash.DistanceTo(r.Hash)).ToList();
                output?.WriteLine($"resample {resample} floor {floor}: max {distances.Max()} mean {distances.Average():F2} [{string.Join(' ', distances)}]");
            }
        }
    }
}
