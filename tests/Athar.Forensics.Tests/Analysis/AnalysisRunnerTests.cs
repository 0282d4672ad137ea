using System.Text.Json.Nodes;
using Athar.Core.Analysis;
using Athar.Core.Custody;
using Athar.Core.Intake;
using Athar.Forensics.Analysis;
using Athar.Forensics.Analyzers;
using Athar.Storage;
using Athar.TestSupport;

namespace Athar.Forensics.Tests.Analysis;

/// <summary>The runner against a real archive: staleness by analyzer version, findings in the ledger and catalog.</summary>
public sealed class AnalysisRunnerTests : IDisposable
{
    private readonly TempDirectory _temp = new("analysis");
    private readonly AtharArchive _archive;
    private readonly byte[] _truncated;

    public AnalysisRunnerTests()
    {
        var photo = Directory.EnumerateFiles(TestData.CameraOriginals, "*.jpg").Order(StringComparer.Ordinal).First();
        var bytes = File.ReadAllBytes(photo);
        _truncated = bytes[..(bytes.Length / 2)];
        _temp.WriteFile("drive/whole.jpg", bytes);
        _temp.WriteFile("drive/cut.jpg", _truncated);
        _temp.WriteFile("drive/note.txt", "not an image"u8.ToArray());
        _archive = AtharArchive.Init(_temp.Combine("archive"));
        new IngestPipeline(new ArchiveIngestCommitter(_archive, "tester"))
            .RunAsync([_temp.Combine("drive")], new SourceDescription("d1", null, null, null)).GetAwaiter().GetResult();
    }

    private AnalysisSummary Run(params IItemAnalyzer[] analyzers) =>
        new AnalysisRunner(new ArchiveAnalysisStore(_archive, "tester"), analyzers).Run();

    [Fact]
    public void Findings_go_to_the_ledger_and_the_catalog_and_only_stale_work_reruns()
    {
        var first = Run(new JpegStructureAnalyzer());
        Assert.Equal(3, first.ItemsSeen);
        Assert.Equal(2, first.ItemsAnalysed); // the text note is not a JPEG
        var cut = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(_truncated));
        var findings = _archive.Catalog.Findings(itemId: cut).ToList();
        Assert.Contains(findings, f => f.Code is "jpeg.truncated" or "jpeg.no-eoi" && f.Severity == (int)Severity.Warning && f.Version == 1);

        var entry = _archive.Ledger.ReadAll().Select(e => e.Entry).Last(e => e.Type == CustodyEventTypes.Analysis && e.Subject["item"]!.GetValue<string>() == cut);
        var run = (JsonObject)entry.Details["runs"]![0]!;
        Assert.Equal("jpeg-structure", run["analyzer"]!.GetValue<string>());
        Assert.Equal(cut, run["inputDigest"]!.GetValue<string>());
        Assert.Equal(64, run["resultDigest"]!.GetValue<string>().Length);

        Assert.Equal(0, Run(new JpegStructureAnalyzer()).ItemsAnalysed);
        var bumped = Run(new JpegStructureAnalyzer(), new CountingAnalyzer(1));
        Assert.Equal(2, bumped.ItemsAnalysed);
        Assert.Equal(2, bumped.Results); // only the new analyzer ran
        Assert.Equal(2, Run(new CountingAnalyzer(2)).Results); // a new version re-runs
        Assert.Equal(2, _archive.Catalog.AnalyzerVersions(cut)["counting"]);
    }

    [Fact]
    public void Findings_survive_a_catalog_rebuild_and_a_failing_analyzer_is_reported_not_fatal()
    {
        var summary = Run(new JpegStructureAnalyzer(), new ThrowingAnalyzer());
        Assert.Equal(2, summary.Failures.Count);
        var before = _archive.Catalog.Findings().Select(f => (f.ItemId, f.Code, f.Severity, f.Data)).ToList();
        Assert.NotEmpty(before);
        _archive.RebuildCatalog("tester");
        var after = _archive.Catalog.Findings().Select(f => (f.ItemId, f.Code, f.Severity, f.Data)).ToList();
        Assert.Equal(before, after);
    }

    private sealed class CountingAnalyzer(int version) : IItemAnalyzer
    {
        public string Name => "counting";
        public int Version => version;
        public AnalyzerNeeds Needs => AnalyzerNeeds.Bytes;
        public int CostTier => 1;
        public bool AppliesTo(string mediaType) => mediaType == "image/jpeg";
        public IReadOnlyList<Finding> Analyze(ItemContext item) =>
            [new Finding("test.size", Severity.Info, "size recorded", new JsonObject { ["bytes"] = item.Bytes.Length })];
    }

    private sealed class ThrowingAnalyzer : IItemAnalyzer
    {
        public string Name => "throwing";
        public int Version => 1;
        public AnalyzerNeeds Needs => AnalyzerNeeds.Bytes;
        public int CostTier => 1;
        public bool AppliesTo(string mediaType) => mediaType == "image/jpeg";
        public IReadOnlyList<Finding> Analyze(ItemContext item) => throw new InvalidOperationException("broken on purpose");
    }

    public void Dispose()
    {
        _archive.Dispose();
        _temp.Dispose();
    }
}
