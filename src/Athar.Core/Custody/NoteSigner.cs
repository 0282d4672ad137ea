using System.Security.Cryptography;
using System.Text;

namespace Athar.Core.Custody;

/// <summary>
/// Signs note texts with an ECDSA P-256 key, as signature type 0x02 of c2sp.org/signed-note ("ECDSA
/// signatures as implemented by github.com/transparency-dev/witness"): ECDSA over SHA-256 of the UTF-8 text,
/// the signature DER-encoded (RFC 3279 Ecdsa-Sig-Value), the key ID the first 4 bytes of SHA-256 of the DER
/// SubjectPublicKeyInfo. DER is what transparency-dev's verifier and <c>openssl dgst -sha256 -verify</c> read,
/// so an outsider can check a checkpoint with stock tools.
/// </summary>
/// <remarks>.NET has no Ed25519 in the box; DESIGN.md chooses ECDSA P-256 in that case.</remarks>
public sealed class NoteSigner
{
    private readonly ECDsa _key;

    /// <summary>
    /// Requires a valid key name (<see cref="SignedNote.CheckKeyName"/>) and a P-256 private key. The signer
    /// does not own <paramref name="privateKey"/>: the caller disposes it, after the signer is done.
    /// </summary>
    public NoteSigner(string keyName, ECDsa privateKey)
    {
        if (SignedNote.CheckKeyName(keyName) is { } error) throw new ArgumentException(error, nameof(keyName));
        ArgumentNullException.ThrowIfNull(privateKey);
        NoteKeys.RequireP256(privateKey);
        _key = privateKey;
        KeyName = keyName;
        PublicKeyInfo = privateKey.ExportSubjectPublicKeyInfo();
        KeyId = NoteKeys.KeyId(PublicKeyInfo);
    }

    public string KeyName { get; }

    public uint KeyId { get; }

    /// <summary>The DER SubjectPublicKeyInfo of the key, which a verifier needs.</summary>
    public byte[] PublicKeyInfo { get; }

    /// <summary>A verifier for this signer's public key.</summary>
    public NoteVerifier CreateVerifier() => new(KeyName, PublicKeyInfo);

    /// <summary>Signs <paramref name="text"/> (which must end in a newline) and returns the signature line's content.</summary>
    public NoteSignature Sign(string text)
    {
        // Checked by the SignedNote constructor: a text that cannot be a note is never signed.
        _ = new SignedNote(text, []);
        var signature = _key.SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return new NoteSignature(KeyName, KeyId, signature);
    }

    /// <summary>The complete signed note: the text, a blank line, this key's signature line.</summary>
    public string SignNote(string text) => new SignedNote(text, [Sign(text)]).Format();
}
