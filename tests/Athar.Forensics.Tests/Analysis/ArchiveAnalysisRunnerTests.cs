using System.Text.Json.Nodes;
using Athar.Core.Analysis;
using Athar.Core.Custody;
using Athar.Core.Intake;
using Athar.Forensics.Analysis;
using Athar.Forensics.Analyzers;
using Athar.Storage;
using Athar.TestSupport;

namespace Athar.Forensics.Tests.Analysis;

/// <summary>Archive-level runs against a real archive: facts in, staleness by input digest, only changed items recorded.</summary>
public sealed class ArchiveAnalysisRunnerTests : IDisposable
{
    private readonly TempDirectory _temp = new("archive-analysis");
    private readonly AtharArchive _archive;

    public ArchiveAnalysisRunnerTests()
    {
        var photos = Directory.EnumerateFiles(TestData.CameraOriginals, "*.jpg").Order(StringComparer.Ordinal).Take(3).ToList();
        for (var i = 0; i < photos.Count; i++) _temp.WriteFile($"drive/{i}/{Path.GetFileName(photos[i])}", File.ReadAllBytes(photos[i]));
        _temp.WriteFile("drive/note.txt", "not an image"u8.ToArray());
        _archive = AtharArchive.Init(_temp.Combine("archive"));
        Ingest("d1", "drive");
        new AnalysisRunner(Store, [new MetadataAnalyzer()]).Run();
    }

    private ArchiveAnalysisStore Store => new(_archive, "tester");

    private void Ingest(string label, string folder) =>
        new IngestPipeline(new ArchiveIngestCommitter(_archive, "tester"))
            .RunAsync([_temp.Combine(folder)], new SourceDescription(label, null, null, null)).GetAwaiter().GetResult();

    [Fact]
    public void Facts_carry_the_requested_findings_and_every_copy_path()
    {
        var facts = Store.Facts([MetadataAnalyzer.Summary]).ToList();
        Assert.Equal(4, facts.Count);
        Assert.Equal(facts.Select(f => f.ItemId).Order(StringComparer.Ordinal), facts.Select(f => f.ItemId));
        var jpegs = facts.Where(f => f.MediaType == "image/jpeg").ToList();
        Assert.Equal(3, jpegs.Count);
        Assert.All(jpegs, f => Assert.NotNull(f.Fact(MetadataAnalyzer.Summary)?["hasExif"]));
        Assert.Empty(facts.Single(f => f.MediaType != "image/jpeg").Facts);
        Assert.All(facts, f => Assert.Single(f.Paths));
        Assert.Empty(Store.Facts(["no.such-code"]).SelectMany(f => f.Facts));
    }

    [Fact]
    public void A_run_records_only_items_with_findings_then_reruns_only_when_its_input_or_version_changes()
    {
        var analyzer = new FirstOfEachMake(version: 1);
        var first = Run(analyzer).Single();
        Assert.True(first.Ran);
        Assert.Equal(4, first.Items);
        Assert.Equal(first.Findings, first.Changed); // one finding per flagged item, nothing recorded for the rest
        Assert.True(first.Findings > 0);
        var analysisEntries = AnalysisEntriesFor(analyzer.Name);
        Assert.Equal(first.Changed, analysisEntries.Count);
        Assert.All(analysisEntries, e => Assert.Equal(first.InputDigest, ((JsonObject)e.Details["runs"]![0]!)["inputDigest"]!.GetValue<string>()));
        var runEntry = _archive.Ledger.ReadAll().Select(e => e.Entry).Last(e => e.Type == CustodyEventTypes.ArchiveAnalysis);
        Assert.Equal(first.InputDigest, runEntry.Details["inputDigest"]!.GetValue<string>());
        Assert.Equal(first.Items, runEntry.Details["summary"]!["items"]!.GetValue<int>());

        var again = Run(analyzer).Single();
        Assert.False(again.Ran);
        Assert.Equal(first.InputDigest, again.InputDigest);

        // A second copy of an item is new input; the findings are unchanged, so nothing per item is recorded.
        _temp.WriteFile("drive2/copy.jpg", File.ReadAllBytes(Directory.EnumerateFiles(_temp.Combine("drive"), "*.jpg", SearchOption.AllDirectories).First()));
        Ingest("d2", "drive2");
        var afterCopy = Run(analyzer).Single();
        Assert.True(afterCopy.Ran);
        Assert.NotEqual(first.InputDigest, afterCopy.InputDigest);
        Assert.Equal(0, afterCopy.Changed);

        // A new version re-records every item that has a result, even with the same findings.
        var bumped = Run(new FirstOfEachMake(version: 2)).Single();
        Assert.Equal(first.Changed, bumped.Changed);
        Assert.All(_archive.Catalog.Findings().Where(f => f.Analyzer == analyzer.Name), f => Assert.Equal(2, f.Version));
    }

    [Fact]
    public void Findings_that_disappear_are_cleared_and_the_run_survives_a_rebuild()
    {
        Run(new FirstOfEachMake(version: 1));
        Assert.Contains(_archive.Catalog.Findings(), f => f.Analyzer == "first-of-make");
        var silent = Run(new FirstOfEachMake(version: 2, silent: true)).Single();
        Assert.True(silent.Changed > 0);
        Assert.DoesNotContain(_archive.Catalog.Findings(), f => f.Analyzer == "first-of-make");

        var before = _archive.Catalog.ArchiveRun("first-of-make");
        _archive.RebuildCatalog("tester");
        Assert.Equal(before, _archive.Catalog.ArchiveRun("first-of-make"));
        Assert.False(Run(new FirstOfEachMake(version: 2, silent: true)).Single().Ran);
    }

    [Fact]
    public void Cataloged_codes_fill_their_tables_and_are_replaced_with_the_findings()
    {
        var grouped = new GroupAll(version: 1);
        Run(grouped);
        var ids = _archive.Catalog.ItemFacts([]).Select(f => f.ItemId).ToList();
        Assert.All(ids, id => Assert.Equal("g-" + ids[0][..8], _archive.Catalog.NearDuplicateGroupOf(id)));
        Run(new GroupAll(version: 2, groups: false));
        Assert.All(ids, id => Assert.Null(_archive.Catalog.NearDuplicateGroupOf(id)));
    }

    [Fact]
    public void An_analyzer_that_names_an_unknown_item_is_refused_before_anything_is_recorded()
    {
        var size = _archive.Ledger.Size;
        Assert.Throws<InvalidOperationException>(() => Run(new Stranger()));
        Assert.Equal(size, _archive.Ledger.Size);
    }

    private IReadOnlyList<ArchiveRunSummary> Run(params IArchiveAnalyzer[] analyzers) => new ArchiveAnalysisRunner(Store, analyzers).Run();

    private List<CustodyEntry> AnalysisEntriesFor(string analyzer) => _archive.Ledger.ReadAll().Select(e => e.Entry)
        .Where(e => e.Type == CustodyEventTypes.Analysis && e.Details["runs"]!.AsArray().Any(r => r!["analyzer"]!.GetValue<string>() == analyzer)).ToList();

    /// <summary>Flags the first item (by id) of each camera make: a finding that depends on the whole archive.</summary>
    private sealed class FirstOfEachMake(int version, bool silent = false) : IArchiveAnalyzer
    {
        public string Name => "first-of-make";
        public int Version => version;
        public IReadOnlyCollection<string> FactCodes => [MetadataAnalyzer.Summary];
        public string ExtraInputDigest => "";

        public ArchiveAnalysisOutput Analyze(IReadOnlyList<ArchiveItemFacts> items, CancellationToken cancel)
        {
            var findings = new Dictionary<string, IReadOnlyList<Finding>>();
            var seen = new HashSet<string>();
            foreach (var item in items)
            {
                var make = item.Fact(MetadataAnalyzer.Summary)?["make"]?.GetValue<string>();
                if (make is null || !seen.Add(make) || silent) continue;
                findings[item.ItemId] = [new Finding("test.first-of-make", Severity.Info, "first of its make", new JsonObject { ["make"] = make })];
            }
            return new ArchiveAnalysisOutput(findings, new JsonObject { ["items"] = items.Count, ["makes"] = seen.Count });
        }
    }

    private sealed class GroupAll(int version, bool groups = true) : IArchiveAnalyzer
    {
        public string Name => "group-all";
        public int Version => version;
        public IReadOnlyCollection<string> FactCodes => [];
        public string ExtraInputDigest => "";

        public ArchiveAnalysisOutput Analyze(IReadOnlyList<ArchiveItemFacts> items, CancellationToken cancel)
        {
            var findings = new Dictionary<string, IReadOnlyList<Finding>>();
            if (groups)
                foreach (var item in items)
                    findings[item.ItemId] = [new Finding(CatalogedFindingCodes.NearDuplicateGroup, Severity.Info, "grouped",
                        new JsonObject { ["group"] = "g-" + items[0].ItemId[..8], ["representative"] = items[0].ItemId, ["distance"] = 0 })];
            return new ArchiveAnalysisOutput(findings, []);
        }
    }

    private sealed class Stranger : IArchiveAnalyzer
    {
        public string Name => "stranger";
        public int Version => 1;
        public IReadOnlyCollection<string> FactCodes => [];
        public string ExtraInputDigest => "";

        public ArchiveAnalysisOutput Analyze(IReadOnlyList<ArchiveItemFacts> items, CancellationToken cancel) =>
            new(new Dictionary<string, IReadOnlyList<Finding>> { [new string('0', 64)] = [] }, []);
    }

    public void Dispose()
    {
        _archive.Dispose();
        _temp.Dispose();
    }
}
