using System.Globalization;
using System.Security.Cryptography;

namespace Athar.Storage.Ocfl.Validation;

/// <summary>A digest computed while a file streams past; one instance per file.</summary>
internal interface IStreamingDigest
{
    void Append(ReadOnlySpan<byte> data);

    /// <summary>The digest in lowercase hex (or, for "size", decimal), after all data was appended.</summary>
    string FinishHex();
}

/// <summary>
/// The digest algorithm names OCFL 1.1 knows (section 3.4, "Digests") and those community extensions
/// 0001 and 0009 add for fixity.
/// </summary>
internal static class OcflDigestAlgorithms
{
    public const string Sha512 = "sha512";
    public const string Sha256 = "sha256";

    // Section 3.4 and E025: content addressing uses sha512 or sha256 only.
    private static readonly HashSet<string> ContentAlgorithms = new(StringComparer.Ordinal) { Sha512, Sha256 };

    // Section 3.4 table (E026) plus extensions 0001/0009-digest-algorithms.
    private static readonly HashSet<string> FixityAlgorithms = new(StringComparer.Ordinal)
    {
        "md5", "sha1", Sha256, Sha512, "blake2b-512",
        "blake2b-160", "blake2b-256", "blake2b-384", "sha512/256", "size",
    };

    public static bool IsContentAlgorithm(string name) => ContentAlgorithms.Contains(name);

    public static bool IsFixityAlgorithm(string name) => FixityAlgorithms.Contains(name);

    /// <summary>
    /// True when this validator can compute the algorithm. sha512/256 is registered by extension 0001 but
    /// .NET has no implementation; E028 says unsupported optional fixity algorithms are ignored.
    /// </summary>
    public static bool CanCompute(string name) => IsFixityAlgorithm(name) && name != "sha512/256";

    /// <summary>Requires <see cref="CanCompute"/> to be true for <paramref name="name"/>.</summary>
    public static IStreamingDigest Create(string name) => name switch
    {
        "md5" => new IncrementalDigest(HashAlgorithmName.MD5),
        "sha1" => new IncrementalDigest(HashAlgorithmName.SHA1),
        Sha256 => new IncrementalDigest(HashAlgorithmName.SHA256),
        Sha512 => new IncrementalDigest(HashAlgorithmName.SHA512),
        "blake2b-512" => new Blake2bDigest(64),
        "blake2b-384" => new Blake2bDigest(48),
        "blake2b-256" => new Blake2bDigest(32),
        "blake2b-160" => new Blake2bDigest(20),
        "size" => new SizeDigest(),
        _ => throw new ArgumentException($"digest algorithm {name} cannot be computed", nameof(name)),
    };

    /// <summary>Compares two digests as OCFL does: hex digests are case-insensitive (section 3.4).</summary>
    public static bool SameDigest(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private sealed class IncrementalDigest(HashAlgorithmName algorithm) : IStreamingDigest
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(algorithm);

        public void Append(ReadOnlySpan<byte> data) => _hash.AppendData(data);

        public string FinishHex()
        {
            using (_hash) return Convert.ToHexStringLower(_hash.GetHashAndReset());
        }
    }

    // Extension 0001: "size" is the file length in bytes, in decimal with no padding.
    private sealed class SizeDigest : IStreamingDigest
    {
        private long _length;

        public void Append(ReadOnlySpan<byte> data) => _length += data.Length;

        public string FinishHex() => _length.ToString(CultureInfo.InvariantCulture);
    }
}
