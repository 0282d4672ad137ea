using System.Text;
using Athar.Storage.Ocfl.Validation;

namespace Athar.Storage.Tests.Ocfl.Validation;

/// <summary>BLAKE2b against RFC 7693 appendix A and the values quoted by OCFL extension 0001.</summary>
public sealed class Blake2bDigestTests
{
    [Fact]
    public void Abc_matches_rfc_7693_appendix_a()
    {
        var digest = new Blake2bDigest(64);
        digest.Append("abc"u8);
        Assert.Equal(
            "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923",
            digest.FinishHex());
    }

    [Theory]
    [InlineData(20, "3345524abf6bbe1809449224b5972c41790b6cf2")]
    [InlineData(32, "0e5751c026e543b2e8ab2eb06099daa1d1e5df47")]
    [InlineData(48, "b32811423377f52d7862286ee1a72ee540524380")]
    public void Empty_input_matches_extension_0001(int outputBytes, string expectedStart)
    {
        var hex = new Blake2bDigest(outputBytes).FinishHex();
        Assert.Equal(outputBytes * 2, hex.Length);
        Assert.StartsWith(expectedStart, hex, StringComparison.Ordinal);
    }

    // Expected values from Python's hashlib.blake2b (an independent implementation), around the
    // 128-byte block edge where the final-block flag matters.
    [Theory]
    [InlineData(127, "acc1cd9ebcd76c8f0e9afcfe2e2479a1ab53ad0d02c8ebd767fd1e26c5cf96767c81077e5edd55f3fd8709dea6849b9792c8c19813f5ae6de9ac4d3a5efad515")]
    [InlineData(128, "082b91ea2e15d1556d2ceefdd5af5d64d31b4e01aff1959724578876293825b236ee8079173a0a38160d7d6685d6bca0bfb62c177b3599b8727d9173e2115b91")]
    [InlineData(129, "362a53bbe2ec08097b2f358a41d0e153aeed4c132af928400872413650e7bf22f9ae428ff73770170bbd95f935e5dd1953c17de8c7264c72d1f99303bf22dfaa")]
    [InlineData(1000, "63e36e4569cd772ba719ec50f6627e07ab6764c5ddffc84607abdff7f0083511dd276f3949c66386ca236cd123b5adc4919875d5abb17d17bbabdeabf0db7e9f")]
    public void Block_edges_match_an_independent_implementation_whether_fed_whole_or_in_pieces(int length, string expected)
    {
        var data = Encoding.ASCII.GetBytes(new string('x', length));
        var whole = new Blake2bDigest(64);
        whole.Append(data);
        var pieces = new Blake2bDigest(64);
        for (var i = 0; i < data.Length; i += 7) pieces.Append(data.AsSpan(i, Math.Min(7, data.Length - i)));
        Assert.Equal(expected, whole.FinishHex());
        Assert.Equal(expected, pieces.FinishHex());
    }
}
