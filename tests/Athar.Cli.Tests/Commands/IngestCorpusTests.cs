using System.Security.Cryptography;
using Athar.Cli.Tests.Support;
using Athar.TestSupport;

namespace Athar.Cli.Tests.Commands;

/// <summary>The shared corpora: broken and odd JPEGs, and genuine camera originals, are all kept as received.</summary>
public sealed class IngestCorpusTests
{
    [Fact]
    public async Task The_whole_robustness_corpus_and_camera_originals_are_kept_with_nothing_rejected_and_verify_passes()
    {
        var robustness = TestData.Robustness;
        var camera = TestData.CameraOriginals;
        using var temp = new TempDirectory("corpus");
        var athar = new AtharCli(temp.Combine("archive"));
        await athar.Init();

        var run = await athar.Json("ingest", robustness, camera, "--source", "corpus");

        Assert.True(run.Exit == 0, run.ToString());
        var files = Directory.GetFiles(robustness, "*", SearchOption.AllDirectories).Concat(Directory.GetFiles(camera, "*", SearchOption.AllDirectories)).ToList();
        Assert.Equal(files.Count, run.Json["filesSeen"]!.GetValue<long>());
        Assert.Empty(run.Json["rejected"]!.AsArray());
        var digests = files.Select(f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))).ToHashSet();
        Assert.Equal(digests.Count, run.Json["newItems"]!.GetValue<int>());
        Assert.Equal(files.Count - digests.Count, run.Json["duplicateCopies"]!.GetValue<int>());
        var items = ArchiveInspector.Dump(athar.Archive, "SELECT id FROM items ORDER BY id");
        Assert.Equal(digests.Order(StringComparer.Ordinal), items);
        Assert.Equal(files.Count, ArchiveInspector.Dump(athar.Archive, "SELECT COUNT(*) FROM copies").Select(int.Parse).Single());
        // Every camera original is a JPEG by its magic bytes (dumps/ holds text; one photo is an empty file, kept as such).
        var cameraTypes = ArchiveInspector.Dump(athar.Archive, "SELECT DISTINCT i.media_type FROM copies c JOIN items i ON i.id = c.item_id WHERE c.origin = '" + camera + "' AND i.size > 0 AND c.path NOT LIKE 'dumps/%'");
        Assert.Equal(["image/jpeg"], cameraTypes);
        var verify = await athar.VerifyOk();
        Assert.Equal(digests.Count, verify.Json["checked"]!.GetValue<long>());
        ArchiveInspector.AssertConsistent(athar.Archive);
    }
}
