using System.Text;
using Athar.Storage.Ledger;
using Athar.TestSupport;

namespace Athar.Storage.Tests.Ledger;

/// <summary>A checkpoint timestamped by a real (local, openssl) RFC 3161 authority is stored and checked by verify.</summary>
public sealed class TimestampedCheckpointTests
{
    [Fact]
    public void A_timestamped_checkpoint_verifies_and_a_damaged_token_is_caught()
    {
        using var temp = new TempDirectory("tsa-checkpoint");
        using var tsa = new LocalTimestampAuthority();
        var root = temp.Combine("archive");
        long size;
        using (var archive = AtharArchive.Init(root))
        using (var http = new HttpClient())
        {
            var client = new TimestampAuthorityClient(http);
            (size, _) = archive.WriteCheckpoint("tester", note => client.RequestAsync(tsa.Uri, Encoding.UTF8.GetBytes(note), CancellationToken.None).GetAwaiter().GetResult());
            archive.WriteCheckpoint("tester");
        }
        var report = AtharArchive.VerifyLedger(root);
        Assert.True(report.Ok, string.Join("; ", report.Problems.Select(p => p.Message)));
        Assert.Equal(1, report.Timestamps);

        var token = new CheckpointStore(Path.Combine(root, "ledger", "checkpoints")).TimestampPathFor(size);
        var bytes = File.ReadAllBytes(token);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(token, bytes);
        var damaged = AtharArchive.VerifyLedger(root);
        Assert.False(damaged.Ok);
        Assert.Contains(damaged.Problems, p => p.Kind == LedgerProblemKinds.TimestampInvalid);
    }
}
