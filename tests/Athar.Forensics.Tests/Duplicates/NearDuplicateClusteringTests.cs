using Athar.Forensics.Duplicates;
using Athar.Forensics.Pdq;
using Athar.Forensics.Tests.HashIndex;

namespace Athar.Forensics.Tests.Duplicates;

/// <summary>Grouping rules on hand-made hashes: radius, chaining, the one-exposure-per-camera rule, low quality, the representative.</summary>
public sealed class NearDuplicateClusteringTests
{
    private readonly Random _random = new(31);

    [Fact]
    public void Hashes_within_31_group_and_32_does_not()
    {
        var a = PdqHashIndexTests.RandomHash(_random);
        var items = new[] { Item("a", a), Item("b", Flip(a, 0, 31)), Item("c", Flip(a, 100, 32)) };

        var grouping = NearDuplicateClustering.Group(items, TestContext.Current.CancellationToken);

        var group = Assert.Single(grouping.Groups);
        Assert.Equal(["a", "b"], group.Members.Select(m => Name(items[m])).Order());
        Assert.Equal(31, group.Distances[1]);
    }

    [Fact]
    public void Chains_join_by_single_linkage()
    {
        var a = PdqHashIndexTests.RandomHash(_random);
        var b = Flip(a, 0, 20);
        var c = Flip(b, 20, 20); // 40 from a, 20 from b
        var items = new[] { Item("a", a), Item("b", b), Item("c", c) };

        var group = Assert.Single(NearDuplicateClustering.Group(items, TestContext.Current.CancellationToken).Groups);

        Assert.Equal(3, group.Members.Length);
        Assert.Equal("b", Name(items[group.Representative])); // the medoid: 20 + 20 against 20 + 40
        Assert.Equal("nd-" + items[group.Representative].ItemId[..12], group.Id);
    }

    [Fact]
    public void Two_exposures_of_one_camera_never_share_a_group_but_an_export_joins_its_closer_shot()
    {
        var shot1 = PdqHashIndexTests.RandomHash(_random);
        var shot2 = Flip(shot1, 0, 18);      // the next shot of the same body: close, but another exposure
        var export = Flip(shot1, 200, 4);    // a resized copy of shot 1 without EXIF: 4 from shot 1, 22 from shot 2
        var items = new[]
        {
            Item("shot1", shot1, camera: "NIKON", exposure: "10:00:00.10"),
            Item("shot2", shot2, camera: "NIKON", exposure: "10:00:40.55"),
            Item("export", export),
        };

        var grouping = NearDuplicateClustering.Group(items, TestContext.Current.CancellationToken);

        var group = Assert.Single(grouping.Groups);
        Assert.Equal(["export", "shot1"], group.Members.Select(m => Name(items[m])).Order());
        Assert.Equal("shot1", Name(items[group.Representative])); // the camera original, not the export
        Assert.True(grouping.RefusedMerges >= 1);

        // The same two exposures from two different cameras are not constrained: that is worth seeing.
        items[1] = items[1] with { Camera = "FUJIFILM" };
        Assert.Equal(3, Assert.Single(NearDuplicateClustering.Group(items, TestContext.Current.CancellationToken).Groups).Members.Length);
    }

    [Fact]
    public void Low_quality_hashes_join_only_within_16()
    {
        var a = PdqHashIndexTests.RandomHash(_random);
        var items = new[] { Item("a", a, quality: 40), Item("b", Flip(a, 0, 17)), Item("c", Flip(a, 50, 16)) };

        var group = Assert.Single(NearDuplicateClustering.Group(items, TestContext.Current.CancellationToken).Groups);

        Assert.Equal(["a", "c"], group.Members.Select(m => Name(items[m])).Order());
    }

    [Fact]
    public void A_rotated_copy_is_found_through_the_dihedral_variants_and_named()
    {
        var original = PdqHashIndexTests.RandomHash(_random);
        var rotated = PdqHashIndexTests.RandomHash(_random); // what the original looks like turned a quarter
        var originalItem = Item("original", original) with { Dihedral = [original, rotated, .. Enumerable.Range(0, 6).Select(_ => PdqHashIndexTests.RandomHash(_random))] };
        var copy = Item("copy", Flip(rotated, 0, 3), quality: 90);
        var items = new[] { originalItem, copy };

        var group = Assert.Single(NearDuplicateClustering.Group(items, TestContext.Current.CancellationToken).Groups);

        Assert.Equal("original", Name(items[group.Representative])); // equal cost and no EXIF: higher quality wins
        Assert.Equal(3, group.Distances[1]);
        Assert.Equal(PdqTransform.Rotate90, group.Transforms[1]);
    }

    [Fact]
    public void Grouping_does_not_depend_on_input_order()
    {
        var items = new List<NearDuplicateCandidate>();
        for (var g = 0; g < 20; g++)
        {
            var seed = PdqHashIndexTests.RandomHash(_random);
            for (var k = 0; k < 1 + g % 4; k++) items.Add(Item($"{g:D2}{k}{new string('0', 12)}", Flip(seed, k * 10, 6)));
        }
        var forward = NearDuplicateClustering.Group(items, TestContext.Current.CancellationToken).Groups.Select(g => (g.Id, string.Join(",", g.Members.Select(m => Name(items[m])).Order()))).ToList();
        var reversed = items.AsEnumerable().Reverse().ToList();
        var backward = NearDuplicateClustering.Group(reversed, TestContext.Current.CancellationToken).Groups.Select(g => (g.Id, string.Join(",", g.Members.Select(m => Name(reversed[m])).Order()))).ToList();

        Assert.Equal(15, forward.Count);
        Assert.Equal(forward, backward);
    }

    private static string Name(NearDuplicateCandidate item) => item.ItemId.TrimEnd('0');

    private static NearDuplicateCandidate Item(string id, PdqHash hash, int quality = 100, string? camera = null, string? exposure = null) =>
        new(id.PadRight(12, '0'), hash, [hash, .. Enumerable.Repeat(Flip(hash, 0, 128), 7)], quality, camera, exposure);

    /// <summary>Flips <paramref name="count"/> consecutive bits from <paramref name="start"/> (mod 256).</summary>
    internal static PdqHash Flip(PdqHash hash, int start, int count)
    {
        Span<ulong> w = [hash.W0, hash.W1, hash.W2, hash.W3];
        for (var b = start; b < start + count; b++) w[(b % 256) >> 6] ^= 1UL << (b % 256 & 63);
        return new PdqHash(w[0], w[1], w[2], w[3]);
    }
}
