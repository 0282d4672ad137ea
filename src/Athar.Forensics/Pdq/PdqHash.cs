using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Athar.Forensics.Pdq;

/// <summary>
/// A 256-bit PDQ hash. Bit k (0..255) is the k-th coefficient of the 16x16 DCT block in row-major order
/// (row k / 16, column k % 16), set when that coefficient is above the block's median.
/// <para>
/// Layout follows the reference's <c>Hash256</c> (facebook/ThreatExchange pdq/cpp/common/pdqhashtypes.h): bit
/// k lives in 16-bit word k / 16, so the hash reads as one 256-bit integer whose bit k is bit k. Here that
/// integer is held as four 64-bit words, <see cref="W0"/> the least significant. The text form is the
/// integer as 64 lower-case hex digits, most significant first (the reference prints words 15..0 with
/// <c>%04hx</c>), so "8000...0000" has only bit 255 set.
/// </para>
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct PdqHash : IEquatable<PdqHash>
{
    /// <summary>Number of bits.</summary>
    public const int Bits = 256;

    /// <summary>Length of the hex text form.</summary>
    public const int HexLength = 64;

    /// <summary>Number of 16-bit segments (the reference's words), as the multi-index hash index uses them.</summary>
    public const int SegmentCount = 16;

    public PdqHash(ulong w0, ulong w1, ulong w2, ulong w3)
    {
        W0 = w0;
        W1 = w1;
        W2 = w2;
        W3 = w3;
    }

    /// <summary>Bits 0..63.</summary>
    public ulong W0 { get; }
    /// <summary>Bits 64..127.</summary>
    public ulong W1 { get; }
    /// <summary>Bits 128..191.</summary>
    public ulong W2 { get; }
    /// <summary>Bits 192..255.</summary>
    public ulong W3 { get; }

    public static PdqHash Zero => default;

    /// <summary>Word <paramref name="index"/> (0..3), W0 first.</summary>
    public ulong Word(int index) => index switch
    {
        0 => W0,
        1 => W1,
        2 => W2,
        3 => W3,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "word index must be 0..3"),
    };

    /// <summary>Bit <paramref name="bit"/> (0..255) as 0 or 1.</summary>
    public int GetBit(int bit)
    {
        if ((uint)bit >= Bits) throw new ArgumentOutOfRangeException(nameof(bit), bit, "bit index must be 0..255");
        return (int)((Word(bit >> 6) >> (bit & 63)) & 1);
    }

    /// <summary>16-bit segment <paramref name="segment"/> (0..15): bits 16*segment .. 16*segment+15, the reference's word.</summary>
    public ushort Segment(int segment)
    {
        if ((uint)segment >= SegmentCount) throw new ArgumentOutOfRangeException(nameof(segment), segment, "segment must be 0..15");
        return (ushort)(Word(segment >> 2) >> ((segment & 3) * 16));
    }

    /// <summary>Number of bits set (the reference's hammingNorm).</summary>
    public int Norm => BitOperations.PopCount(W0) + BitOperations.PopCount(W1) + BitOperations.PopCount(W2) + BitOperations.PopCount(W3);

    /// <summary>Hamming distance: the number of bits in which the two hashes differ (0..256).</summary>
    public int DistanceTo(PdqHash other) =>
        BitOperations.PopCount(W0 ^ other.W0) + BitOperations.PopCount(W1 ^ other.W1)
        + BitOperations.PopCount(W2 ^ other.W2) + BitOperations.PopCount(W3 ^ other.W3);

    /// <summary>Builds a hash from 256 bits given as 0/1 values, bit 0 first. Requires exactly 256 values.</summary>
    public static PdqHash FromBits(ReadOnlySpan<byte> bits)
    {
        if (bits.Length != Bits) throw new ArgumentException($"need {Bits} bits, got {bits.Length}", nameof(bits));
        Span<ulong> words = stackalloc ulong[4];
        for (var k = 0; k < Bits; k++)
        {
            if (bits[k] != 0) words[k >> 6] |= 1UL << (k & 63);
        }
        return new PdqHash(words[0], words[1], words[2], words[3]);
    }

    /// <summary>Parses 64 hex digits (either case). Throws <see cref="FormatException"/> naming the text otherwise.</summary>
    public static PdqHash Parse(ReadOnlySpan<char> hex) =>
        TryParse(hex, out var hash) ? hash : throw new FormatException($"not a PDQ hash (64 hex digits): \"{hex}\"");

    /// <summary>Parses 64 hex digits (either case); false for any other length or character.</summary>
    public static bool TryParse(ReadOnlySpan<char> hex, out PdqHash hash)
    {
        hash = default;
        if (hex.Length != HexLength) return false;
        if (!ulong.TryParse(hex[..16], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var w3)
            || !ulong.TryParse(hex[16..32], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var w2)
            || !ulong.TryParse(hex[32..48], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var w1)
            || !ulong.TryParse(hex[48..64], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var w0))
        {
            return false;
        }
        hash = new PdqHash(w0, w1, w2, w3);
        return true;
    }

    /// <summary>64 lower-case hex digits, most significant first, as the reference prints it.</summary>
    public override string ToString() => string.Create(HexLength, this, static (span, h) =>
    {
        h.W3.TryFormat(span[..16], out _, "x16", CultureInfo.InvariantCulture);
        h.W2.TryFormat(span[16..32], out _, "x16", CultureInfo.InvariantCulture);
        h.W1.TryFormat(span[32..48], out _, "x16", CultureInfo.InvariantCulture);
        h.W0.TryFormat(span[48..64], out _, "x16", CultureInfo.InvariantCulture);
    });

    public bool Equals(PdqHash other) => W0 == other.W0 && W1 == other.W1 && W2 == other.W2 && W3 == other.W3;

    public override bool Equals(object? obj) => obj is PdqHash other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(W0, W1, W2, W3);

    public static bool operator ==(PdqHash left, PdqHash right) => left.Equals(right);

    public static bool operator !=(PdqHash left, PdqHash right) => !left.Equals(right);
}
