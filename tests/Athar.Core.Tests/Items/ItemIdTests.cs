using System.Security.Cryptography;
using Athar.Core.Items;

namespace Athar.Core.Tests.Items;

public class ItemIdTests
{
    [Fact]
    public void An_id_is_the_lower_case_hex_sha256_and_shows_twelve_digits()
    {
        var id = ItemId.FromDigest(SHA256.HashData("abc"u8));
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", id.Hex);
        Assert.Equal("ba7816bf8f01", id.Short);
        Assert.Equal(id, ItemId.Parse(id.Hex.ToUpperInvariant()));
    }

    [Theory]
    [InlineData("ba7816bf", true)]
    [InlineData("ba7816b", false)]
    [InlineData("ba7816bz", false)]
    [InlineData("", false)]
    public void Prefixes_need_eight_hex_digits(string prefix, bool acceptable)
    {
        Assert.Equal(acceptable, ItemId.IsAcceptablePrefix(prefix));
    }

    [Fact]
    public void Wrong_lengths_are_refused()
    {
        Assert.False(ItemId.TryParse("abc", out _));
        Assert.Throws<ArgumentException>(() => ItemId.FromDigest(new byte[31]));
    }
}
