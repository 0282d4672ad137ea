using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Athar.Core.Custody;

/// <summary>
/// Checks signed notes against one trusted ECDSA P-256 key (signature type 0x02, see <see cref="NoteSigner"/>).
/// The key is known by its name and its ID together; a signature line matching only one of them belongs to
/// another key and is ignored, as c2sp.org/signed-note requires.
/// </summary>
public sealed class NoteVerifier : IDisposable
{
    private readonly ECDsa _key;

    /// <summary>Requires a valid key name and the DER SubjectPublicKeyInfo of a P-256 key.</summary>
    public NoteVerifier(string keyName, ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        if (SignedNote.CheckKeyName(keyName) is { } error) throw new ArgumentException(error, nameof(keyName));
        _key = ECDsa.Create();
        try
        {
            _key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out var read);
            if (read != subjectPublicKeyInfo.Length) throw new ArgumentException("trailing bytes after the public key", nameof(subjectPublicKeyInfo));
            NoteKeys.RequireP256(_key);
        }
        catch
        {
            _key.Dispose();
            throw;
        }
        KeyName = keyName;
        PublicKeyInfo = subjectPublicKeyInfo.ToArray();
        KeyId = NoteKeys.KeyId(subjectPublicKeyInfo);
    }

    /// <summary>A verifier from a PEM "PUBLIC KEY" (SubjectPublicKeyInfo), as ArchiveKeyStore writes it.</summary>
    public static NoteVerifier FromPublicKeyPem(string keyName, string pem)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(pem);
        return new NoteVerifier(keyName, key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>
    /// A verifier from a verifier key string <c>name+keyid+base64(0x02 || SPKI)</c>, the form transparency-dev's
    /// note package reads. The key ID must match the key.
    /// </summary>
    public static NoteVerifier FromVerifierKey(string verifierKey)
    {
        ArgumentNullException.ThrowIfNull(verifierKey);
        var parts = verifierKey.Split('+', 3);
        if (parts.Length != 3) throw new FormatException("a verifier key has the form name+keyid+base64");
        if (parts[1].Length != 8 || !uint.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var keyId))
            throw new FormatException($"verifier key ID \"{parts[1]}\" is not 8 hex digits");
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(parts[2]);
        }
        catch (FormatException e)
        {
            throw new FormatException("verifier key is not base64", e);
        }
        if (blob.Length < 2 || blob[0] != NoteKeys.EcdsaSignatureType)
            throw new FormatException($"verifier key is not of signature type 0x{NoteKeys.EcdsaSignatureType:x2} (ECDSA)");
        var verifier = new NoteVerifier(parts[0], blob.AsSpan(1));
        if (verifier.KeyId != keyId)
        {
            verifier.Dispose();
            throw new FormatException($"verifier key ID {keyId:x8} does not match the key ({verifier.KeyId:x8})");
        }
        return verifier;
    }

    public string KeyName { get; }

    public uint KeyId { get; }

    public byte[] PublicKeyInfo { get; }

    /// <summary>This key as a verifier key string: <c>name+keyid+base64(0x02 || SPKI)</c>.</summary>
    public string VerifierKey => $"{KeyName}+{KeyId:x8}+{Convert.ToBase64String([NoteKeys.EcdsaSignatureType, .. PublicKeyInfo])}";

    /// <summary>Whether <paramref name="signature"/> is this key's and verifies over <paramref name="text"/>.</summary>
    public bool Verify(string text, NoteSignature signature)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(signature);
        return IsMine(signature)
            && _key.VerifyData(Encoding.UTF8.GetBytes(text), signature.SignatureSpan, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <summary>
    /// Parses and checks a signed note. Valid when at least one signature line is this key's and every one of
    /// this key's lines verifies (a failing line from a known key rejects the note, as the spec advises); other
    /// keys' lines are ignored. The text is returned only when valid; the reason always says what was found.
    /// </summary>
    public (bool Valid, string? Text, string Reason) Open(string signedNote)
    {
        SignedNote note;
        try
        {
            note = SignedNote.Parse(signedNote);
        }
        catch (FormatException e)
        {
            return (false, null, e.Message);
        }
        var good = 0;
        foreach (var signature in note.Signatures)
        {
            if (!IsMine(signature)) continue;
            if (!Verify(note.Text, signature))
                return (false, null, $"the signature of key {KeyName} ({KeyId:x8}) does not verify");
            good++;
        }
        return good > 0
            ? (true, note.Text, $"signed by key {KeyName} ({KeyId:x8})")
            : (false, null, $"no signature by key {KeyName} ({KeyId:x8})");
    }

    private bool IsMine(NoteSignature signature) => signature.KeyId == KeyId && string.Equals(signature.KeyName, KeyName, StringComparison.Ordinal);

    public void Dispose() => _key.Dispose();
}
