using System.Text.Json.Nodes;
using Athar.Core.Analysis;
using Athar.Core.Intake;
using Athar.Forensics.Analysis;
using Athar.Forensics.Analyzers;
using Athar.Forensics.Evaluation;
using Athar.Storage;
using Athar.Synth;
using Athar.Synth.Output;
using Athar.TestSupport;

namespace Athar.Forensics.Tests.Analyzers;

/// <summary>
/// Near-duplicate groups on a synthetic archive, scored against its ground truth: exports (resized, recompressed)
/// are found, shots of one body are kept apart, and the findings carry the catalogued data.
/// </summary>
public sealed class NearDuplicateAnalyzerTests(NearDuplicateArchiveFixture fixture) : IClassFixture<NearDuplicateArchiveFixture>
{
    private readonly AtharArchive _archive = fixture.Archive;
    private readonly GroundTruth _truth = fixture.Truth;
    private readonly string _truthPath = fixture.TruthPath;

    [Fact]
    public void Exports_are_grouped_with_their_originals_and_nothing_else()
    {
        var score = NearDuplicateScore.Score(_truthPath, _archive.Catalog.NearDuplicateGroups());
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"precision {score.Precision:F3} recall {score.Recall:F3} ({score.CorrectPairs}/{score.PredictedPairs} predicted, {score.TruePairs} true)");
        foreach (var d in score.ByDerivation) output?.WriteLine($"{d.Derivation}: {d.Found}/{d.Pairs}");

        Assert.True(score.TruePairs >= 40, $"{score.TruePairs} true pairs");
        Assert.True(score.Precision >= 0.95, $"precision {score.Precision:F3}");
        // Exports that keep the whole frame are found by PDQ; crops by the thumbnail search (docs/analyzers.md).
        foreach (var d in score.ByDerivation.Where(d => d.Derivation is "resized" or "recompressed" or "cropped"))
            Assert.True(d.Recall >= 0.95, $"{d.Derivation}: {d.Found} of {d.Pairs}");
        Assert.Contains(score.ByDerivation, d => d.Derivation == "cropped" && d.Pairs > 0);
        Assert.True(score.Recall >= 0.95, $"recall {score.Recall:F3}");
    }

    [Fact]
    public void Shots_of_one_body_are_never_grouped()
    {
        var groups = _archive.Catalog.NearDuplicateGroups();
        var originals = _truth.Files.Where(f => f.Kind == "original" && f.Case is not null && groups.ContainsKey(f.Sha256)).ToList();
        var clashes = originals.GroupBy(f => (f.Case, groups[f.Sha256])).Where(g => g.Count() > 1).ToList();
        Assert.Empty(clashes);
    }

    [Fact]
    public void Every_member_names_its_group_representative_and_distance()
    {
        var findings = _archive.Catalog.Findings(code: CatalogedFindingCodes.NearDuplicateGroup).ToList();
        Assert.NotEmpty(findings);
        foreach (var byGroup in findings.GroupBy(f => JsonNode.Parse(f.Data)!["group"]!.GetValue<string>()))
        {
            var data = byGroup.Select(f => (Item: f.ItemId, Data: JsonNode.Parse(f.Data)!.AsObject(), f.Severity)).ToList();
            Assert.True(data.Count >= 2);
            var representative = data[0].Data["representative"]!.GetValue<string>();
            Assert.Equal("nd-" + representative[..12], byGroup.Key);
            Assert.All(data, d =>
            {
                Assert.Equal(["group", "representative", "distance", "transform", "members"], d.Data.Select(p => p.Key).Where(k => k != "crop"));
                Assert.Equal(representative, d.Data["representative"]!.GetValue<string>());
                Assert.Equal(data.Count, d.Data["members"]!.GetValue<int>());
                Assert.Equal(byGroup.Key, _archive.Catalog.NearDuplicateGroupOf(d.Item));
            });
            var self = Assert.Single(data, d => d.Item == representative);
            Assert.Equal(0, self.Data["distance"]!.GetValue<int>());
            Assert.Equal((long)Severity.Info, self.Severity);
        }
        // Exports carry no EXIF while their camera originals do: those members are notices.
        Assert.Contains(findings, f => f.Severity == (long)Severity.Notice);
        // A crop names the member it was cut from and where, and that member is in the same group.
        var crops = findings.Where(f => JsonNode.Parse(f.Data)!["crop"] is not null).ToList();
        Assert.NotEmpty(crops);
        Assert.All(crops, f =>
        {
            var data = JsonNode.Parse(f.Data)!.AsObject();
            var crop = data["crop"]!.AsObject();
            Assert.Equal(["of", "scale", "left", "top", "correlation"], crop.Select(p => p.Key));
            Assert.Equal(data["group"]!.GetValue<string>(), _archive.Catalog.NearDuplicateGroupOf(crop["of"]!.GetValue<string>()));
            Assert.InRange(crop["scale"]!.GetValue<double>(), 0.7, 0.99);
            Assert.True(crop["correlation"]!.GetValue<double>() >= 0.98);
            Assert.Equal("original", data["transform"]!.GetValue<string>());
            Assert.Contains("It is a crop of " + crop["of"]!.GetValue<string>()[..12], f.Explanation, StringComparison.Ordinal);
        });
    }

}

/// <summary>One synthetic archive (240 photos at 320x240, 30% with an export), ingested and analysed once for the tests above.</summary>
public sealed class NearDuplicateArchiveFixture : IDisposable
{
    private readonly TempDirectory _temp = new("near-dups");

    public NearDuplicateArchiveFixture()
    {
        var synth = _temp.Combine("synth");
        SynthGenerator.Generate(new SynthOptions
        {
            OutputDirectory = synth, Photos = 240, Cameras = 3, Drives = 2, Width = 320, Height = 240,
            AnomalyRate = 0, Seed = 11, NearDuplicateRate = 0.3,
        });
        TruthPath = Path.Combine(synth, GroundTruth.FileName);
        Truth = GroundTruth.Read(TruthPath);
        Archive = AtharArchive.Init(_temp.Combine("archive"));
        new IngestPipeline(new ArchiveIngestCommitter(Archive, "tester"))
            .RunAsync([synth], new SourceDescription("synth", null, null, null)).GetAwaiter().GetResult();
        new AnalysisRunner(new ArchiveAnalysisStore(Archive, "tester"), [new MetadataAnalyzer(), new PerceptualHashAnalyzer()]).Run();
        Assert.True(new ArchiveAnalysisRunner(new ArchiveAnalysisStore(Archive, "tester"), [new NearDuplicateAnalyzer()]).Run().Single().Ran);
    }

    public AtharArchive Archive { get; }
    public GroundTruth Truth { get; }
    public string TruthPath { get; }

    public void Dispose()
    {
        Archive.Dispose();
        _temp.Dispose();
    }
}
