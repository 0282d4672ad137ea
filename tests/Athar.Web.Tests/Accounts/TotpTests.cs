using System.Security.Cryptography;
using System.Text;
using Athar.Web.Accounts;

namespace Athar.Web.Tests.Accounts;

public sealed class TotpTests
{
    // RFC 6238 Appendix B: the seeds are the ASCII digits "1234567890" repeated to 20, 32 and 64 bytes.
    private static byte[] Seed(int length) => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("1234567890", 7))[..length]);

    [Theory]
    [InlineData(59L, "94287082", "46119246", "90693936")]
    [InlineData(1111111109L, "07081804", "68084774", "25091201")]
    [InlineData(1111111111L, "14050471", "67062674", "99943326")]
    [InlineData(1234567890L, "89005924", "91819424", "93441116")]
    [InlineData(2000000000L, "69279037", "90698825", "38618901")]
    [InlineData(20000000000L, "65353130", "77737706", "47863826")]
    public void Rfc6238_test_vectors(long time, string sha1, string sha256, string sha512)
    {
        Assert.Equal(sha1, Totp.Compute(Seed(20), time, 8, HashAlgorithmName.SHA1));
        Assert.Equal(sha256, Totp.Compute(Seed(32), time, 8, HashAlgorithmName.SHA256));
        Assert.Equal(sha512, Totp.Compute(Seed(64), time, 8, HashAlgorithmName.SHA512));
    }

    [Fact]
    public void Six_digit_codes_are_the_last_six_of_the_truncated_value()
    {
        // RFC 4226 Appendix D, HOTP with counter 1: 287082 (the RFC 6238 vector at T=59 is the same counter).
        Assert.Equal("287082", Totp.Compute(Seed(20), 59));
    }

    [Fact]
    public void Verify_accepts_one_step_of_drift_and_refuses_replay()
    {
        var key = Seed(20);
        const long now = 1_700_000_000;
        var previous = Totp.Compute(key, now - 30);
        Assert.True(Totp.Verify(key, previous, now, lastUsedStep: -1, out var step));
        Assert.Equal(Totp.Step(now) - 1, step);
        Assert.False(Totp.Verify(key, previous, now, lastUsedStep: step, out _));
        Assert.False(Totp.Verify(key, Totp.Compute(key, now - 90), now, -1, out _));
        Assert.False(Totp.Verify(key, "12345", now, -1, out _));
        Assert.False(Totp.Verify(key, null, now, -1, out _));
    }

    [Fact]
    public void Base32_round_trips_and_matches_rfc4648()
    {
        // RFC 4648 section 10, without padding.
        Assert.Equal("MZXW6YTBOI", Base32.Encode("foobar"u8));
        Assert.Equal("foobar"u8.ToArray(), Base32.Decode("mzxw 6ytb oi======"));
        var secret = Totp.NewSecret();
        Assert.Equal(secret, Base32.Decode(Base32.Encode(secret)));
    }
}
