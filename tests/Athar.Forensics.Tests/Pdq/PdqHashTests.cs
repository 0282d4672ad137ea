using Athar.Forensics.Pdq;

namespace Athar.Forensics.Tests.Pdq;

public sealed class PdqHashTests
{
    [Fact]
    public void Hex_round_trips_and_reads_as_one_256_bit_integer()
    {
        const string hex = "8000000000000000000000000000000000000000000000000000000000000001";

        var hash = PdqHash.Parse(hex);

        Assert.Equal(hex, hash.ToString());
        Assert.Equal(1, hash.GetBit(255));
        Assert.Equal(1, hash.GetBit(0));
        Assert.Equal(2, hash.Norm);
        Assert.Equal(0x8000000000000000UL, hash.W3);
        Assert.Equal(1UL, hash.W0);
    }

    [Fact]
    public void Segments_are_the_reference_16_bit_words()
    {
        // The reference prints word 15 first: "0123" is word 15, "ffff" word 0.
        var hash = PdqHash.Parse("0123456789abcdef" + "0000111122223333" + "444455556666777a" + "bbbbccccddddffff");

        Assert.Equal(0xffff, hash.Segment(0));
        Assert.Equal(0xdddd, hash.Segment(1));
        Assert.Equal(0x777a, hash.Segment(4));
        Assert.Equal(0x0123, hash.Segment(15));
    }

    [Fact]
    public void Upper_case_parses_and_formats_lower_case()
    {
        var hash = PdqHash.Parse("D8F8F0CEE0F4A84F0637022A078F67F0B36E2ED596621E1D33E6339C4E9C9B22");

        Assert.Equal("d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22", hash.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b2")]
    [InlineData("d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b223")]
    [InlineData("g8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22")]
    [InlineData(" 8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22")]
    [InlineData("+8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22")]
    public void Malformed_text_is_refused(string text)
    {
        Assert.False(PdqHash.TryParse(text, out _));
        Assert.Throws<FormatException>(() => PdqHash.Parse(text));
    }

    [Fact]
    public void Distance_counts_differing_bits()
    {
        var a = PdqHash.Parse("d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22");
        var b = PdqHash.Parse("d8f8f0cee0f4a84f0637022a038f67f0b36e2ed596631e1d33e6339c4e9c9b22");

        Assert.Equal(2, a.DistanceTo(b));
        Assert.Equal(0, a.DistanceTo(a));
        Assert.Equal(256, PdqHash.Zero.DistanceTo(new PdqHash(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue)));
    }

    [Fact]
    public void FromBits_sets_bit_k_at_k()
    {
        var bits = new byte[256];
        bits[0] = 1;
        bits[17] = 1;
        bits[255] = 1;

        var hash = PdqHash.FromBits(bits);

        Assert.Equal([0, 17, 255], Enumerable.Range(0, 256).Where(k => hash.GetBit(k) == 1));
    }
}
