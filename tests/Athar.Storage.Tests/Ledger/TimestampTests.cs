using System.Security.Cryptography.X509Certificates;
using System.Text;
using Athar.Storage.Ledger;

namespace Athar.Storage.Tests.Ledger;

public class TimestampTests
{
    private static readonly byte[] Checkpoint = Encoding.UTF8.GetBytes("athar.example/archive-1\n5\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");

    private static HttpClient LoopbackClient() => new(new HttpClientHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task A_token_from_the_local_tsa_verifies_and_carries_the_time()
    {
        using var tsa = new LocalTimestampAuthority();
        using var http = LoopbackClient();
        var before = DateTimeOffset.UtcNow.AddSeconds(-2);
        var token = await new TimestampAuthorityClient(http).RequestAsync(tsa.Uri, Checkpoint, TestContext.Current.CancellationToken);

        var (valid, time, reason) = TimestampVerifier.Verify(token, Checkpoint);
        Assert.True(valid, reason);
        Assert.InRange(time!.Value, before, DateTimeOffset.UtcNow.AddSeconds(2));
        Assert.Contains("Athar Test TSA", reason);
        // The throwaway CA is in no system store: the chain is reported as untrusted, not assumed good.
        Assert.Contains("does not chain", reason);

        using var ca = X509CertificateLoader.LoadCertificateFromFile(tsa.CaCertificatePath);
        var withRoot = TimestampVerifier.Verify(token, Checkpoint, [ca]);
        Assert.True(withRoot.Valid);
        Assert.True(withRoot.ChainTrusted, withRoot.Reason);
    }

    [Fact]
    public async Task Changed_data_or_a_damaged_token_fails()
    {
        using var tsa = new LocalTimestampAuthority();
        using var http = LoopbackClient();
        var token = await new TimestampAuthorityClient(http).RequestAsync(tsa.Uri, Checkpoint, TestContext.Current.CancellationToken);

        var changed = (byte[])Checkpoint.Clone();
        changed[^3] ^= 1;
        var (valid, time, reason) = TimestampVerifier.Verify(token, changed);
        Assert.False(valid);
        Assert.Null(time);
        Assert.Contains("imprint", reason);

        Assert.False(TimestampVerifier.Verify(token.AsSpan(0, token.Length - 1), Checkpoint).Valid);
        Assert.False(TimestampVerifier.Verify([.. token, 0], Checkpoint).Valid);
        // A flipped byte near the end hits the signature value.
        var damaged = (byte[])token.Clone();
        damaged[^5] ^= 0x01;
        Assert.False(TimestampVerifier.Verify(damaged, Checkpoint).Valid);
    }

    [Fact]
    public void A_genuine_token_with_a_sha1_imprint_is_refused()
    {
        using var tsa = new LocalTimestampAuthority();
        var request = System.Security.Cryptography.Pkcs.Rfc3161TimestampRequest.CreateFromData(
            Checkpoint, System.Security.Cryptography.HashAlgorithmName.SHA1, requestSignerCertificates: true);
        var token = request.ProcessResponse(tsa.Reply(request.Encode()), out _).AsSignedCms().Encode();
        var (valid, _, reason) = TimestampVerifier.Verify(token, Checkpoint);
        Assert.False(valid);
        Assert.Contains("1.3.14.3.2.26", reason);
    }

    [Fact]
    public async Task The_client_refuses_a_response_to_another_request()
    {
        using var tsa = new LocalTimestampAuthority();
        using var http = LoopbackClient();
        // A genuine query for other data (other imprint, other nonce): the TSA's answer is real but not ours.
        tsa.SubstituteQuery = System.Security.Cryptography.Pkcs.Rfc3161TimestampRequest.CreateFromData(
            "other"u8, System.Security.Cryptography.HashAlgorithmName.SHA256, requestSignerCertificates: true).Encode();
        await Assert.ThrowsAsync<TimestampAuthorityException>(
            () => new TimestampAuthorityClient(http).RequestAsync(tsa.Uri, Checkpoint, TestContext.Current.CancellationToken));
    }
}
