using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Athar.Core.Custody;

/// <summary>Key identity rules shared by <see cref="NoteSigner"/> and <see cref="NoteVerifier"/>.</summary>
public static class NoteKeys
{
    /// <summary>
    /// The signed-note signature type byte for ECDSA (c2sp.org/signed-note, "Signature types": 0x02, ECDSA as
    /// implemented by transparency-dev/witness; the curve SHOULD be P-256).
    /// </summary>
    public const byte EcdsaSignatureType = 0x02;

    /// <summary>
    /// The key ID of an ECDSA note key: the first 4 bytes, big-endian, of SHA-256 of the DER SubjectPublicKeyInfo.
    /// The spec's general recommendation hashes the key name and type byte too, but for type 0x02 it states this
    /// form, which is what transparency-dev's verifier computes; following it keeps our notes checkable there.
    /// </summary>
    public static uint KeyId(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(subjectPublicKeyInfo, hash);
        return BinaryPrimitives.ReadUInt32BigEndian(hash);
    }

    internal static void RequireP256(ECDsa key)
    {
        var curve = key.ExportParameters(includePrivateParameters: false).Curve;
        if (!curve.IsNamed || curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            throw new ArgumentException($"note keys must be ECDSA P-256 (OID 1.2.840.10045.3.1.7); got {curve.Oid.Value ?? curve.Oid.FriendlyName}", nameof(key));
    }
}
