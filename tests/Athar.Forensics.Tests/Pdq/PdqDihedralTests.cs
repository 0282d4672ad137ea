using Athar.Forensics.Pdq;
using Athar.TestSupport;

namespace Athar.Forensics.Tests.Pdq;

/// <summary>
/// pdq/reg-test-input/dih holds one photo in its 8 rotations and flips. The dihedral variants of the original
/// must match the hashes of the other seven files, and each file's 8 variants must be the same set.
/// </summary>
public sealed class PdqDihedralTests
{
    /// <summary>
    /// PDQ's documented match threshold. The reference itself puts the rotated files 0 to 18 bits from the
    /// original's variants (the files were re-encoded after rotating, and the 512x512 resampling and the
    /// filter's edges are not symmetric), so the 10 used against the reference hashes is too tight here.
    /// </summary>
    private const int Tolerance = 31;

    /// <summary>
    /// pdq-photo-hasher --pdqdih bridge-1-original.jpg, built from facebook/ThreatExchange baefb4e with libjpeg
    /// (see bench/pdq-vs-reference.sh), in PdqTransform order.
    /// </summary>
    private static readonly string[] s_referenceVariants =
    [
        "d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22",
        "f0a10efd51c83d429053d48d0fffbc52e34e0e17ada956a9d29685211ea9e58f",
        "adad5a64b5a102e55b62a88052dacd5ae63b847fc337b4b766b399361bc93188",
        "a5f0b457248995e8c1065c275aaa56d8b61ba4bdf8fcfc0383c32f8b0bfc4f05",
        "d8f80f31e0f457b00637f5d5038f980fb36ed12a9662c1e233e64c634e9c64dd",
        "8dada49991a1bd1a5362577742da32a5e63b7b80c2364b4866b346c91bc9ce77",
        "f0a1e10271ccc0bd90530b720fff038de34ef1e8ada9a956d6967ade5ea91a50",
        "a5f44ba8a4996a17cd06a1d85aaaa927b61b5b42f8fc03fc83c3d0740bfcb0fa",
    ];

    private static readonly (string File, PdqTransform Transform)[] s_files =
    [
        ("bridge-1-original.jpg", PdqTransform.Original),
        ("bridge-2-rotate-90.jpg", PdqTransform.Rotate90),
        ("bridge-3-rotate-180.jpg", PdqTransform.Rotate180),
        ("bridge-4-rotate-270.jpg", PdqTransform.Rotate270),
        ("bridge-5-flipx.jpg", PdqTransform.FlipX),
        ("bridge-6-flipy.jpg", PdqTransform.FlipY),
        ("bridge-7-flip-plus-1.jpg", PdqTransform.FlipPlus1),
        ("bridge-8-flip-minus-1.jpg", PdqTransform.FlipMinus1),
    ];

    private static PdqResult HashFile(string name) =>
        PdqJpeg.HashFile(Path.Combine(TestData.Pdq, "reg-test-input", "dih", name), PdqOptions.Default with { Dihedral = true });

    [Fact]
    public void Full_decode_variants_equal_the_reference_variants()
    {
        var path = Path.Combine(TestData.Pdq, "reg-test-input", "dih", "bridge-1-original.jpg");

        var result = PdqJpeg.HashFile(path, PdqOptions.Reference with { Dihedral = true });

        Assert.Equal(s_referenceVariants, result.Dihedral.Select(h => h.ToString()));
    }

    [Fact]
    public void Variants_of_the_original_match_the_transformed_files()
    {
        var original = HashFile(s_files[0].File);

        foreach (var (file, transform) in s_files)
        {
            var distance = HashFile(file).Hash.DistanceTo(original.Variant(transform));
            TestContext.Current.TestOutputHelper?.WriteLine($"{file} vs original's {transform}: {distance}");
            Assert.InRange(distance, 0, Tolerance);
        }
    }

    [Fact]
    public void Every_file_yields_the_same_set_of_eight_hashes()
    {
        var original = HashFile(s_files[0].File).Dihedral;

        foreach (var (file, _) in s_files)
        {
            var variants = HashFile(file).Dihedral;
            // Each of the original's 8 hashes has a partner among this file's 8, and the pairing is one to one.
            var partners = original.Select(h => Enumerable.Range(0, 8).MinBy(k => variants[k].DistanceTo(h))).ToList();
            Assert.Equal(8, partners.Distinct().Count());
            for (var v = 0; v < 8; v++) Assert.InRange(original[v].DistanceTo(variants[partners[v]]), 0, Tolerance);
        }
    }
}
