using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Athar.Storage.Ledger;

/// <summary>
/// Checks an RFC 3161 time-stamp token against the data it claims to time-stamp: the token must decode, its
/// message imprint must be the hash of the data, and its CMS signature must verify with the signer certificate
/// it names (RFC 3161 section 2.4.2; RFC 5816 / RFC 2634 ESSCertID binding). Whether that certificate chains to
/// a trusted root is reported in the reason, never assumed: a court will ask who the TSA was.
/// </summary>
public static class TimestampVerifier
{
    private const string Sha256Oid = "2.16.840.1.101.3.4.2.1";
    private const string Sha384Oid = "2.16.840.1.101.3.4.2.2";
    private const string Sha512Oid = "2.16.840.1.101.3.4.2.3";

    /// <summary>
    /// Valid when the token is well formed, signed by the certificate it names and its imprint (SHA-256, SHA-384 or
    /// SHA-512; SHA-1 and MD5 are refused) matches <paramref name="data"/>; Time is the TSA's genTime then. The reason says what was found, the trust of the
    /// TSA's certificate chain (against the system's roots) included.
    /// </summary>
    public static (bool Valid, DateTimeOffset? Time, string Reason) Verify(ReadOnlySpan<byte> token, ReadOnlySpan<byte> data)
    {
        var (valid, time, reason, _) = Verify(token, data, trustedRoots: null);
        return (valid, time, reason);
    }

    /// <summary>
    /// As <see cref="Verify(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>, and says whether the TSA's certificate chains,
    /// at the token's time, to one of <paramref name="trustedRoots"/> (or to the system's roots when null) with the
    /// timeStamping extended key usage. Revocation is not checked: nothing leaves the machine.
    /// </summary>
    public static (bool Valid, DateTimeOffset? Time, string Reason, bool ChainTrusted) Verify(
        ReadOnlySpan<byte> token, ReadOnlySpan<byte> data, X509Certificate2Collection? trustedRoots)
    {
        if (!Rfc3161TimestampToken.TryDecode(token.ToArray(), out var decoded, out var consumed) || decoded is null)
            return (false, null, "not an RFC 3161 time-stamp token", false);
        if (consumed != token.Length)
            return (false, null, $"{token.Length - consumed} bytes follow the time-stamp token", false);

        var info = decoded.TokenInfo;
        // SHA-1 and MD5 imprints can be collided: such a token could be moved onto other data.
        var imprint = info.HashAlgorithmId.Value;
        if (imprint is not (Sha256Oid or Sha384Oid or Sha512Oid))
            return (false, null, $"the token's imprint uses hash algorithm {imprint}, not SHA-256, SHA-384 or SHA-512", false);
        if (!decoded.VerifySignatureForData(data, out var signer) || signer is null)
            return (false, null, "the token's imprint does not match the data, or its signature does not verify", false);

        using (signer)
        {
            var (trusted, chainReport) = CheckChain(signer, decoded, info.Timestamp, trustedRoots);
            var who = signer.Subject;
            return (true, info.Timestamp,
                $"time-stamped {info.Timestamp:O} by \"{who}\" (serial {Convert.ToHexString(info.GetSerialNumber().Span)}); {chainReport}",
                trusted);
        }
    }

    private static (bool Trusted, string Report) CheckChain(
        X509Certificate2 signer, Rfc3161TimestampToken token, DateTimeOffset time, X509Certificate2Collection? trustedRoots)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = time.UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.8")); // id-kp-timeStamping
        chain.ChainPolicy.ExtraStore.AddRange(token.AsSignedCms().Certificates);
        if (trustedRoots is not null)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(trustedRoots);
        }
        var trusted = chain.Build(signer);
        var roots = trustedRoots is null ? "the system's roots" : "the given roots";
        if (trusted) return (true, $"the TSA certificate chains to {roots}");
        var problems = new List<string>();
        foreach (var status in chain.ChainStatus) problems.Add(status.Status.ToString());
        return (false, $"the TSA certificate does not chain to {roots} ({string.Join(", ", problems)})");
    }
}
