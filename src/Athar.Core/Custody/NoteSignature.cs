namespace Athar.Core.Custody;

/// <summary>
/// One signature line of a signed note (c2sp.org/signed-note, "Signatures"):
/// <c>— &lt;key name&gt; base64(key ID || signature)</c>, the key ID being 4 bytes, big-endian.
/// </summary>
public sealed class NoteSignature
{
    /// <summary>Requires a valid key name (see <see cref="SignedNote.CheckKeyName"/>) and a non-empty signature.</summary>
    public NoteSignature(string keyName, uint keyId, ReadOnlySpan<byte> signature)
    {
        if (SignedNote.CheckKeyName(keyName) is { } error) throw new ArgumentException(error, nameof(keyName));
        if (signature.IsEmpty) throw new ArgumentException("a signature cannot be empty", nameof(signature));
        KeyName = keyName;
        KeyId = keyId;
        _signature = signature.ToArray();
    }

    private readonly byte[] _signature;

    public string KeyName { get; }

    public uint KeyId { get; }

    /// <summary>A copy of the signature bytes, without the key ID.</summary>
    public byte[] Signature => (byte[])_signature.Clone();

    internal ReadOnlySpan<byte> SignatureSpan => _signature;

    /// <summary>The line without its final newline.</summary>
    public string FormatLine()
    {
        var payload = new byte[4 + _signature.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(payload, KeyId);
        _signature.CopyTo(payload, 4);
        return $"{SignedNote.EmDash} {KeyName} {Convert.ToBase64String(payload)}";
    }
}
