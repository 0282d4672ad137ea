using Athar.Core.Custody;

namespace Athar.Core.Tests.Custody;

public class CheckpointTests
{
    private static readonly byte[] Root = Rfc6962.HashLeaf("root"u8);

    [Fact]
    public void FormatBody_writes_three_lines_and_extensions_each_ending_in_a_newline()
    {
        var body = new Checkpoint("athar.example/archive-1", 1234, Root, ["ext one"]).FormatBody();
        Assert.Equal($"athar.example/archive-1\n1234\n{Convert.ToBase64String(Root)}\next one\n", body);
    }

    [Fact]
    public void ParseBody_round_trips()
    {
        var original = new Checkpoint("athar.example/archive-1", 0, Root);
        var parsed = Checkpoint.ParseBody(original.FormatBody());
        Assert.Equal("athar.example/archive-1", parsed.Origin);
        Assert.Equal(0, parsed.TreeSize);
        Assert.Equal(Root, parsed.RootHash);
        Assert.Empty(parsed.Extensions);
        Assert.Equal(original.FormatBody(), parsed.FormatBody());
    }

    [Theory]
    [InlineData("o\n12\n{root}", "newline")]            // last line without newline
    [InlineData("o\n12\n", "lines")]                    // root missing
    [InlineData("\n12\n{root}\n", "line 1")]            // empty origin
    [InlineData("o\n012\n{root}\n", "leading zeros")]
    [InlineData("o\n+12\n{root}\n", "leading zeros")]
    [InlineData("o\n-1\n{root}\n", "leading zeros")]
    [InlineData("o\n1 2\n{root}\n", "leading zeros")]
    [InlineData("o\n99999999999999999999\n{root}\n", "too large")]
    [InlineData("o\n12\nAAAA\n", "base64")]
    [InlineData("o\n12\n{root-unpadded}\n", "base64")]
    [InlineData("o\n12\n{root}\n\n", "line 4")]         // empty extension line
    [InlineData("o\r\n12\n{root}\n", "control")]
    public void ParseBody_rejects_malformed_text(string template, string expected)
    {
        var b64 = Convert.ToBase64String(Root);
        var text = template.Replace("{root-unpadded}", b64.TrimEnd('=')).Replace("{root}", b64);
        var e = Assert.Throws<FormatException>(() => Checkpoint.ParseBody(text));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_root_with_stray_bits_in_its_last_character_is_not_canonical()
    {
        var b64 = Convert.ToBase64String(Root);
        // The last character before "=" carries 2 unused bits; setting one keeps the bytes but changes the text.
        var last = b64[^2];
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        var altered = b64[..^2] + alphabet[alphabet.IndexOf(last) ^ 1] + "=";
        Assert.Throws<FormatException>(() => Checkpoint.ParseBody($"o\n1\n{altered}\n"));
    }

    [Fact]
    public void The_constructor_refuses_what_it_could_not_format()
    {
        Assert.Throws<ArgumentException>(() => new Checkpoint("a\nb", 1, Root));
        Assert.Throws<ArgumentException>(() => new Checkpoint("", 1, Root));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Checkpoint("o", -1, Root));
        Assert.Throws<ArgumentException>(() => new Checkpoint("o", 1, new byte[31]));
        Assert.Throws<ArgumentException>(() => new Checkpoint("o", 1, Root, ["x\ny"]));
    }
}
