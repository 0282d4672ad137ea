using System.Buffers.Binary;
using System.Text;
using Athar.Forensics.Pdq;

namespace Athar.Forensics.HashBanks;

/// <summary>A line of a bank file that was refused or changed: its 1-based number and why.</summary>
public sealed record HashBankLineProblem(long Line, string Reason, bool Rejected);

/// <summary>What an import read: the content to store and the counts the ledger records.</summary>
public sealed record HashBankParse(HashBankContent Content, long Lines, long Labelled, long Rejected, long LabelsCut, bool HeaderSkipped)
{
    public int Hashes => Content.Count;
}

/// <summary>
/// Reads a text hash bank: one PDQ hash (64 hex digits) a line, optionally followed by a label, as ThreatExchange
/// and Hasher-Matcher-Actioner exports and Meta's pdq tools write them (docs/cli.md, `athar bank import`).
/// <list type="bullet">
/// <item>Fields are separated by commas or tabs; CSV double quotes are honoured; columns after the label are ignored.</item>
/// <item>Blank lines, lines starting with '#', a UTF-8 byte-order mark and CRLF line ends are tolerated.</item>
/// <item>A first non-blank line whose first field is not a hash is a header. When it names its columns (hash, pdq,
/// pdq_hash, signal, signal_value, indicator; label, labels, tag, tags, name, id, content_id, bank_content_id,
/// indicator_id), those columns are used; otherwise the hash is the first field and the label the second.</item>
/// <item>Any other line whose hash field is not 64 hex digits is refused (reported, and the rest goes on).</item>
/// <item>Labels longer than <see cref="HashBankFile.MaxLabelLength"/> characters are cut (reported; the hash is kept).</item>
/// </list>
/// </summary>
public static class HashBankText
{
    private static readonly string[] HashColumns = ["hash", "pdq", "pdq_hash", "pdqhash", "signal", "signal_value", "indicator"];
    private static readonly string[] LabelColumns = ["label", "labels", "tag", "tags", "name", "id", "content_id", "bank_content_id", "indicator_id"];

    public static HashBankParse Parse(Stream text, Action<HashBankLineProblem> problem)
    {
        using var reader = new StreamReader(text, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true, 1 << 16);
        var hashes = new PdqHash[1024];
        var offsets = new long[1024];
        var block = new MemoryStream();
        var labelOffsets = new Dictionary<string, long>(StringComparer.Ordinal);
        var fields = new List<string>(4);
        int count = 0, hashColumn = 0, labelColumn = 1;
        long lineNumber = 0, labelled = 0, rejected = 0, cut = 0;
        var seenContent = false;
        var header = false;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var trimmed = line.AsSpan().Trim();
            if (trimmed.IsEmpty || trimmed[0] == '#') continue;
            Split(trimmed, fields);
            var hashField = hashColumn < fields.Count ? fields[hashColumn] : "";
            if (!PdqHash.TryParse(hashField, out var hash))
            {
                if (!seenContent)
                {
                    // The first line that is not a hash: a header. Use its column names when it has known ones.
                    seenContent = true;
                    header = true;
                    var h = IndexOf(fields, HashColumns);
                    if (h >= 0)
                    {
                        hashColumn = h;
                        var l = IndexOf(fields, LabelColumns);
                        labelColumn = l >= 0 ? l : -1;
                    }
                    continue;
                }
                rejected++;
                problem(new HashBankLineProblem(lineNumber, hashField.Length == 0
                    ? "no hash field"
                    : $"not a PDQ hash (64 hex digits): \"{Shorten(hashField)}\"", Rejected: true));
                continue;
            }
            seenContent = true;
            if (count == hashes.Length)
            {
                var grown = (int)Math.Min(Array.MaxLength, 2L * hashes.Length);
                if (grown == count) throw new InvalidDataException($"more than {count} hashes");
                Array.Resize(ref hashes, grown);
                Array.Resize(ref offsets, grown);
            }
            hashes[count] = hash;
            var label = labelColumn >= 0 && labelColumn < fields.Count ? fields[labelColumn].Trim() : "";
            if (label.Length > HashBankFile.MaxLabelLength)
            {
                cut++;
                problem(new HashBankLineProblem(lineNumber, $"label of {label.Length} characters cut to {HashBankFile.MaxLabelLength}", Rejected: false));
                var end = HashBankFile.MaxLabelLength;
                if (char.IsHighSurrogate(label[end - 1])) end--;
                label = label[..end];
            }
            offsets[count] = label.Length == 0 ? -1 : LabelOffset(label, block, labelOffsets);
            if (label.Length > 0) labelled++;
            count++;
        }
        return new HashBankParse(new HashBankContent(hashes, offsets, block.ToArray(), count), lineNumber, labelled, rejected, cut, header);
    }

    /// <summary>
    /// The label's entry in the block, shared with earlier equal labels. Sharing stops after a million distinct
    /// labels, so that a bank with a unique label per hash does not keep ten million strings alive during import.
    /// </summary>
    private static long LabelOffset(string label, MemoryStream block, Dictionary<string, long> shared)
    {
        if (shared.TryGetValue(label, out var existing)) return existing;
        var offset = block.Length;
        var bytes = Encoding.UTF8.GetBytes(label);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)bytes.Length); // ≤ 3 × MaxLabelLength bytes
        block.Write(length);
        block.Write(bytes);
        if (shared.Count < 1_000_000) shared[label] = offset;
        return offset;
    }

    /// <summary>Splits on ',' or '\t' (whichever the line uses first), honouring CSV double quotes ("" is a quote).</summary>
    private static void Split(ReadOnlySpan<char> line, List<string> fields)
    {
        fields.Clear();
        if (line.IndexOfAny(',', '\t', '"') < 0)
        {
            fields.Add(line.ToString()); // the common case: a bare hash
            return;
        }
        var separator = line.IndexOfAny(',', '\t') is var at and >= 0 ? line[at] : ',';
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"' && current.ToString().Trim().Length == 0) { current.Clear(); quoted = true; }
            else if (c == separator) { fields.Add(current.ToString().Trim()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString().Trim());
    }

    private static int IndexOf(List<string> fields, string[] names)
    {
        foreach (var name in names)
            for (var i = 0; i < fields.Count; i++)
                if (string.Equals(fields[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
