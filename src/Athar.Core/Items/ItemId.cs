using System.Security.Cryptography;

namespace Athar.Core.Items;

/// <summary>
/// An item's identity: the SHA-256 of its bytes, kept as 64 lower-case hex digits. Shown as the first
/// 12 digits; any unique prefix of 8 or more is accepted where a person types an id.
/// </summary>
public readonly record struct ItemId
{
    public const int HexLength = 64;
    public const int ShortLength = 12;
    public const int MinimumPrefixLength = 8;

    private ItemId(string hex) => Hex = hex;

    /// <summary>64 lower-case hex digits.</summary>
    public string Hex { get; }

    public string Short => Hex[..ShortLength];

    public static ItemId FromDigest(ReadOnlySpan<byte> sha256)
    {
        if (sha256.Length != SHA256.HashSizeInBytes)
            throw new ArgumentException($"a SHA-256 digest has 32 bytes, not {sha256.Length}", nameof(sha256));
        return new ItemId(Convert.ToHexStringLower(sha256));
    }

    public static ItemId Parse(string hex) =>
        TryParse(hex, out var id) ? id : throw new FormatException($"not a SHA-256 hex digest: '{hex}'");

    public static bool TryParse(string? hex, out ItemId id)
    {
        id = default;
        if (hex is null || hex.Length != HexLength || !IsHex(hex)) return false;
        id = new ItemId(hex.ToLowerInvariant());
        return true;
    }

    /// <summary>True when <paramref name="text"/> could be a prefix a person typed: 8 to 64 hex digits.</summary>
    public static bool IsAcceptablePrefix(string text) =>
        text.Length is >= MinimumPrefixLength and <= HexLength && IsHex(text);

    private static bool IsHex(string text)
    {
        foreach (var c in text)
            if (!char.IsAsciiHexDigit(c)) return false;
        return true;
    }

    public override string ToString() => Hex ?? string.Empty;
}
