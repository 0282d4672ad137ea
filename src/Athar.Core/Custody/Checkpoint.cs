using System.Globalization;
using System.Text;

namespace Athar.Core.Custody;

/// <summary>
/// A C2SP tlog-checkpoint note text (c2sp.org/tlog-checkpoint, "Note text"): the origin, the tree size in
/// decimal and the base64 RFC 6962 root hash, one per line, then optional extension lines. Each line ends in
/// a newline. The text is what a <see cref="NoteSigner"/> signs.
/// </summary>
public sealed class Checkpoint
{
    /// <summary>
    /// Creates a checkpoint. Requires a non-empty origin and extension lines without newlines or other ASCII
    /// control characters, 0 &lt;= treeSize, and a 32-byte root hash.
    /// </summary>
    public Checkpoint(string origin, long treeSize, ReadOnlySpan<byte> rootHash, IReadOnlyList<string>? extensions = null)
    {
        if (CheckLine(origin) is { } originError) throw new ArgumentException($"origin {originError}", nameof(origin));
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        if (rootHash.Length != Rfc6962.HashSize)
            throw new ArgumentException($"a root hash has {Rfc6962.HashSize} bytes, got {rootHash.Length}", nameof(rootHash));
        extensions ??= [];
        for (var i = 0; i < extensions.Count; i++)
        {
            if (CheckLine(extensions[i]) is { } extensionError)
                throw new ArgumentException($"extension line {i + 1} {extensionError}", nameof(extensions));
        }
        Origin = origin;
        TreeSize = treeSize;
        _rootHash = rootHash.ToArray();
        Extensions = [.. extensions];
    }

    private readonly byte[] _rootHash;

    /// <summary>The log's identity, by convention a schema-less URL such as <c>athar.example/archive-1</c>.</summary>
    public string Origin { get; }

    public long TreeSize { get; }

    /// <summary>A copy of the 32-byte RFC 6962 root hash at <see cref="TreeSize"/>.</summary>
    public byte[] RootHash => (byte[])_rootHash.Clone();

    public IReadOnlyList<string> Extensions { get; }

    /// <summary>The note text: every line, the last included, ends in "\n".</summary>
    public string FormatBody()
    {
        var text = new StringBuilder();
        text.Append(Origin).Append('\n');
        text.Append(TreeSize.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append(Convert.ToBase64String(_rootHash)).Append('\n');
        foreach (var line in Extensions) text.Append(line).Append('\n');
        return text.ToString();
    }

    /// <summary>
    /// Parses a note text strictly: at least three non-empty lines, each ending in "\n"; a decimal size with no
    /// sign and no leading zero (except "0"); a canonical, padded base64 root of exactly 32 bytes; no ASCII
    /// control characters but the newlines. Throws <see cref="FormatException"/> saying which line is wrong.
    /// </summary>
    public static Checkpoint ParseBody(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!body.EndsWith('\n')) throw new FormatException("checkpoint text must end with a newline");
        var lines = body[..^1].Split('\n');
        if (lines.Length < 3) throw new FormatException($"checkpoint text has {lines.Length} lines, expected at least 3");
        for (var i = 0; i < lines.Length; i++)
        {
            if (CheckLine(lines[i]) is { } error) throw new FormatException($"checkpoint line {i + 1} {error}");
        }
        var size = ParseTreeSize(lines[1]);
        var root = ParseRootHash(lines[2]);
        return new Checkpoint(lines[0], size, root, lines[3..]);
    }

    private static long ParseTreeSize(string line)
    {
        var digitsOnly = true;
        foreach (var c in line) digitsOnly &= c is >= '0' and <= '9';
        if (!digitsOnly || (line.Length > 1 && line[0] == '0'))
            throw new FormatException($"checkpoint tree size \"{line}\" is not a decimal number without leading zeros");
        if (!long.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            throw new FormatException($"checkpoint tree size \"{line}\" is too large");
        return size;
    }

    private static byte[] ParseRootHash(string line)
    {
        var root = new byte[Rfc6962.HashSize];
        // Canonical only: exactly 44 characters that decode to 32 bytes and encode back to the same text, so
        // one root has one spelling (no missing padding, no stray bits in the last character).
        if (line.Length != 44 || !Convert.TryFromBase64String(line, root, out var written) || written != Rfc6962.HashSize
            || Convert.ToBase64String(root) != line)
            throw new FormatException($"checkpoint root hash \"{line}\" is not the base64 of {Rfc6962.HashSize} bytes");
        return root;
    }

    /// <summary>Null when the line is usable; otherwise what is wrong with it.</summary>
    private static string? CheckLine(string? line)
    {
        if (string.IsNullOrEmpty(line)) return "is empty";
        foreach (var c in line)
        {
            if (c < 0x20) return $"contains the control character U+{(int)c:X4}";
        }
        return null;
    }
}
