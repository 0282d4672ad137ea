using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace Athar.Web.Accounts;

/// <summary>
/// Time-based one-time passwords, RFC 6238 (TOTP) over RFC 4226 (HOTP): HMAC of the 30-second step
/// counter, dynamic truncation (RFC 4226 section 5.3), modulo 10^digits. Authenticator apps use SHA-1 and
/// 6 digits; the RFC's test vectors (Appendix B) use 8 digits and all three hashes.
/// </summary>
public static class Totp
{
    public const int StepSeconds = 30;

    /// <summary>The step counter T = floor(unixSeconds / 30) (RFC 6238 section 4.2, T0 = 0).</summary>
    public static long Step(long unixSeconds) => unixSeconds / StepSeconds;

    /// <summary>The code for <paramref name="unixSeconds"/>. Requires 6 &lt;= digits &lt;= 8.</summary>
    public static string Compute(ReadOnlySpan<byte> key, long unixSeconds, int digits = 6, HashAlgorithmName? algorithm = null) =>
        ComputeForStep(key, Step(unixSeconds), digits, algorithm ?? HashAlgorithmName.SHA1);

    public static string ComputeForStep(ReadOnlySpan<byte> key, long step, int digits, HashAlgorithmName algorithm)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, 6);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 8);
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> mac = stackalloc byte[64];
        // HMAC-SHA-1 is what RFC 6238 and every authenticator app use; HMAC (unlike bare SHA-1) is not weakened by SHA-1 collisions.
#pragma warning disable CA5350
        var length = algorithm == HashAlgorithmName.SHA1 ? HMACSHA1.HashData(key, counter, mac)
            : algorithm == HashAlgorithmName.SHA256 ? HMACSHA256.HashData(key, counter, mac)
            : algorithm == HashAlgorithmName.SHA512 ? HMACSHA512.HashData(key, counter, mac)
            : throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "TOTP uses SHA1, SHA256 or SHA512");
#pragma warning restore CA5350
        var offset = mac[length - 1] & 0x0F;
        var binary = ((mac[offset] & 0x7F) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
        var modulus = 1;
        for (var i = 0; i < digits; i++) modulus *= 10;
        return (binary % modulus).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>
    /// Accepts a 6-digit SHA-1 code for the current step or one step either side (clock drift, RFC 6238
    /// section 5.2), but never a step at or before <paramref name="lastUsedStep"/> (no replay).
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> key, string? code, long unixSeconds, long lastUsedStep, out long matchedStep)
    {
        matchedStep = -1;
        if (code is null) return false;
        code = code.Trim();
        if (code.Length != 6 || !code.All(char.IsAsciiDigit)) return false;
        var now = Step(unixSeconds);
        for (var step = now - 1; step <= now + 1; step++)
        {
            if (step <= lastUsedStep) continue;
            var expected = ComputeForStep(key, step, 6, HashAlgorithmName.SHA1);
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(expected), System.Text.Encoding.ASCII.GetBytes(code)))
            {
                matchedStep = step;
                return true;
            }
        }
        return false;
    }

    /// <summary>A new random 160-bit secret (RFC 4226 section 4 recommends 160 bits).</summary>
    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(20);

    /// <summary>The otpauth URI authenticator apps read (Google Authenticator key-uri format).</summary>
    public static string KeyUri(string issuer, string account, byte[] secret) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={Base32.Encode(secret)}&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits=6&period=30";
}
