using System.Diagnostics;
using Athar.Cli.Tests.Support;
using Athar.TestSupport;

namespace Athar.Cli.Tests.Commands;

/// <summary>
/// The archive's disk fills up mid-ingest (a 40 MiB tmpfs): exit 3 with one clear line, the archive stays
/// consistent, and after space is freed the same ingest runs to completion.
/// </summary>
public sealed class IngestDiskFullTests
{
    private const int Small = 800;
    private const int Total = Small + 10;

    [Fact]
    public async Task When_the_archive_disk_fills_up_ingest_stops_with_exit_3_leaves_a_consistent_archive_and_a_rerun_completes()
    {
        using var temp = new TempDirectory("diskfull");
        var mount = temp.Combine("small-disk");
        Directory.CreateDirectory(mount);
        if (!Mount("-t", "tmpfs", "-o", "size=40m", "tmpfs", mount))
        {
            if (TestData.IsCi) Assert.Fail("mount -t tmpfs is not permitted here; CI must be able to run the disk-full test");
            Assert.Skip("mount -t tmpfs is not permitted here (needs root or CAP_SYS_ADMIN); the disk-full test cannot run");
        }
        try
        {
            var random = new Random(11);
            var files = new Dictionary<string, byte[]>();
            // 800 small files first (tmpfs pages make each object about 24 KiB), then 10 files of 3 MB that
            // cannot all fit. At most 512 entries are in flight, so the large files are only read once the
            // first batch of 256 has been committed: the disk fills with committed work behind it.
            for (var i = 0; i < Total; i++)
            {
                var bytes = new byte[i < Small ? 1000 : 3_000_000];
                random.NextBytes(bytes);
                files[$"f{i:D3}.bin"] = bytes;
                temp.WriteFile($"src/f{i:D3}.bin", bytes);
            }
            var athar = new AtharCli(Path.Combine(mount, "archive"));
            await athar.Init();

            var full = await athar.Json("ingest", temp.Combine("src"), "--source", "d1");

            Assert.True(full.Exit == 3, full.ToString());
            var line = Assert.Single(full.Err.Trim().Split('\n'));
            Assert.Contains("No space left on device", line);
            Assert.StartsWith("athar: cannot write to the archive", line);
            ArchiveInspector.AssertConsistent(athar.Archive);
            var verify = await athar.Json("verify");
            Assert.True(verify.Exit == 0, verify.ToString());
            foreach (var row in ArchiveInspector.Dump(athar.Archive, "SELECT c.path, i.object_path || '/v1/content/' || i.stored_name FROM copies c JOIN items i ON i.id = c.item_id"))
            {
                var parts = row.Split(" | ");
                Assert.Equal(files[parts[0]], File.ReadAllBytes(Path.Combine(athar.Archive, "objects", parts[1])));
            }
            var partial = ArchiveInspector.Dump(athar.Archive, "SELECT COUNT(*) FROM copies")[0];
            Assert.NotEqual("0", partial); // the disk filled after at least one batch was committed
            TestContext.Current.TestOutputHelper?.WriteLine($"{partial} copies were committed before the disk filled: {line}");

            Assert.True(Mount("-o", "remount,size=128m", mount), "remount failed");
            var rerun = await athar.Json("ingest", temp.Combine("src"), "--source", "d1");

            Assert.True(rerun.Exit == 0, rerun.ToString() + $" (after {partial} copies recorded before the disk filled)");
            Assert.Equal(Total, ArchiveInspector.Dump(athar.Archive, "SELECT COUNT(*) FROM copies").Select(long.Parse).Single());
            Assert.Equal(Total, ArchiveInspector.ObjectFolders(athar.Archive).Count);
            ArchiveInspector.AssertConsistent(athar.Archive);
            await athar.VerifyOk();
        }
        finally
        {
            Mount("-u", mount);
        }
    }

    private static bool Mount(params string[] args)
    {
        var tool = args.Length > 0 && args[0] == "-u" ? "umount" : "mount";
        var info = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in tool == "umount" ? args[1..] : args) info.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(info)!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
