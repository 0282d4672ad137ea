using System.Text;

namespace Athar.Core.Custody;

/// <summary>
/// A C2SP signed note (c2sp.org/signed-note, "Format"): a text ending in a newline, a blank line, then one
/// or more signature lines. Parsing checks the format only; whether a signature is good is
/// <see cref="NoteVerifier"/>'s question, and until then the text must not be trusted.
/// </summary>
public sealed class SignedNote
{
    /// <summary>U+2014, which opens every signature line.</summary>
    public const char EmDash = '\u2014';

    /// <summary>
    /// The most signature lines <see cref="Parse(string)"/> accepts. The spec asks verifiers to cap them and to
    /// accept at least 16.
    /// </summary>
    public const int MaxSignatures = 64;

    /// <summary>Requires a text that ends in a newline and holds no ASCII control character but newlines.</summary>
    public SignedNote(string text, IReadOnlyList<NoteSignature> signatures)
    {
        if (CheckText(text) is { } error) throw new ArgumentException(error, nameof(text));
        ArgumentNullException.ThrowIfNull(signatures);
        Text = text;
        Signatures = [.. signatures];
    }

    /// <summary>The signed text, final newline included, separating blank line excluded.</summary>
    public string Text { get; }

    public IReadOnlyList<NoteSignature> Signatures { get; }

    /// <summary>Text, blank line, one line per signature; needs at least one signature.</summary>
    public string Format()
    {
        if (Signatures.Count == 0) throw new InvalidOperationException("a signed note needs at least one signature");
        var note = new StringBuilder(Text).Append('\n');
        foreach (var signature in Signatures) note.Append(signature.FormatLine()).Append('\n');
        return note.ToString();
    }

    /// <summary>Parses UTF-8 bytes; invalid UTF-8 is a <see cref="FormatException"/>, as the spec requires.</summary>
    public static SignedNote Parse(ReadOnlySpan<byte> utf8)
    {
        string note;
        try
        {
            note = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(utf8);
        }
        catch (DecoderFallbackException e)
        {
            throw new FormatException("signed note is not valid UTF-8", e);
        }
        return Parse(note);
    }

    /// <summary>
    /// Parses a signed note strictly: the text is everything up to the last blank line; after it come 1 to
    /// <see cref="MaxSignatures"/> lines of em dash, space, key name, space, base64 of at least 5 bytes, each
    /// ending in a newline. Throws <see cref="FormatException"/> saying what is wrong.
    /// </summary>
    public static SignedNote Parse(string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        if (CheckText(note) is { } error) throw new FormatException($"signed note {error}");
        // Signature lines are never empty, so the last "\n\n" is the separator ("the last empty line").
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0) throw new FormatException("signed note has no blank line before its signatures");
        var text = note[..(split + 1)];
        var block = note[(split + 2)..];
        if (block.Length == 0) throw new FormatException("signed note has no signatures");
        var lines = block[..^1].Split('\n');
        if (lines.Length > MaxSignatures) throw new FormatException($"signed note has {lines.Length} signatures, more than {MaxSignatures}");
        var signatures = new NoteSignature[lines.Length];
        for (var i = 0; i < lines.Length; i++) signatures[i] = ParseSignatureLine(lines[i], i + 1);
        return new SignedNote(text, signatures);
    }

    private static NoteSignature ParseSignatureLine(string line, int number)
    {
        if (line.Length < 2 || line[0] != EmDash || line[1] != ' ')
            throw new FormatException($"signature line {number} does not start with an em dash (U+2014) and a space");
        var rest = line[2..];
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0) throw new FormatException($"signature line {number} has no space between key name and signature");
        var name = rest[..space];
        var encoded = rest[(space + 1)..];
        if (CheckKeyName(name) is { } nameError) throw new FormatException($"signature line {number}: {nameError}");
        byte[] payload;
        try
        {
            payload = Convert.FromBase64String(encoded);
        }
        catch (FormatException e)
        {
            throw new FormatException($"signature line {number}: the signature is not base64", e);
        }
        // Canonical base64 only, so that one signature has one spelling (Convert accepts inner whitespace).
        if (Convert.ToBase64String(payload) != encoded)
            throw new FormatException($"signature line {number}: the signature is not canonical base64");
        if (payload.Length < 5)
            throw new FormatException($"signature line {number}: {payload.Length} bytes is too short for a key ID and a signature");
        var keyId = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(payload);
        return new NoteSignature(name, keyId, payload.AsSpan(4));
    }

    /// <summary>
    /// Null when <paramref name="keyName"/> may name a key: non-empty, without Unicode spaces or "+"
    /// (c2sp.org/signed-note, "Format"); otherwise why not.
    /// </summary>
    public static string? CheckKeyName(string? keyName)
    {
        if (string.IsNullOrEmpty(keyName)) return "a key name cannot be empty";
        foreach (var c in keyName)
        {
            if (char.IsWhiteSpace(c) || c == '+' || char.IsControl(c))
                return $"key name \"{keyName}\" contains a space, a control character or \"+\"";
        }
        return null;
    }

    /// <summary>Null when the text ends in a newline and has no control character but newlines.</summary>
    private static string? CheckText(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.EndsWith('\n')) return "text must end with a newline";
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x20 && c != '\n') return $"contains the control character U+{(int)c:X4} at position {i}";
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c)) return $"contains an unpaired surrogate at position {i}";
        }
        return null;
    }
}
