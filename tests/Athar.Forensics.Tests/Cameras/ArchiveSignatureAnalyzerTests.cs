using System.Text.Json.Nodes;
using Athar.Core.Analysis;
using Athar.Forensics.Cameras;

namespace Athar.Forensics.Tests.Cameras;

public sealed class ArchiveSignatureAnalyzerTests
{
    private static readonly ArchiveSignatureAnalyzer Analyzer = new();

    private static IEnumerable<ArchiveItemFacts> Photos(string model, string signature, int count, string subsampling = "4:2:2", string prefix = "")
        => Enumerable.Range(0, count).Select(i => CameraFacts.Item($"{prefix}{model}-{signature}-{subsampling}-{i:D3}", $"d/{i}.jpg", "NIKON", model, "1", "2011-05-15T08:00:00", signature: signature, subsampling: subsampling));

    [Fact]
    public void A_photo_whose_tables_its_model_hardly_ever_writes_is_a_warning_while_each_quality_setting_in_use_is_established()
    {
        // Fine (60%) and Normal (30%) are both established; 2 photos with other tables and 1 at 4:4:4 are outliers.
        var items = Photos("P50", "fine", 60).Concat(Photos("P50", "normal", 30)).Concat(Photos("P50", "editor", 2)).Concat(Photos("P50", "fine", 1, "4:4:4")).ToList();
        var result = Analyzer.Analyze(items, CancellationToken.None);
        var flagged = result.Findings.Keys.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["P50-editor-4:2:2-000", "P50-editor-4:2:2-001", "P50-fine-4:4:4-000"], flagged);
        var finding = Assert.Single(result.Findings["P50-fine-4:4:4-000"]);
        Assert.Equal(ArchiveSignatureAnalyzer.Outlier, finding.Code);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(2, finding.Data["established"]!.AsArray().Count);
        var model = (JsonObject)result.Summary["models"]![0]!;
        Assert.True(model["reference"]!.GetValue<bool>());
        Assert.Equal(93, model["items"]!.GetValue<int>());
        Assert.Equal("fine", model["signatures"]![0]!["signature"]!.GetValue<string>());
        Assert.Equal(3, result.Summary["outliers"]!.GetValue<int>());
    }

    [Fact]
    public void Models_with_few_photos_or_ever_changing_tables_are_no_reference()
    {
        var few = Photos("S1", "a", 15).Concat(Photos("S1", "b", 1));
        var adaptive = Enumerable.Range(0, 40).SelectMany(i => Photos("Adaptive", $"t{i}", 1));
        var result = Analyzer.Analyze([.. few, .. adaptive], CancellationToken.None);
        Assert.Empty(result.Findings);
        Assert.All(result.Summary["models"]!.AsArray(), m => Assert.False(m!["reference"]!.GetValue<bool>()));
    }

    [Fact]
    public void Photos_without_a_signature_or_a_model_are_left_out()
    {
        var bare = CameraFacts.Item("bare", "d/x.jpg", null, null, null, null, signature: "x");
        var unsigned = CameraFacts.Item("unsigned", "d/y.jpg", "NIKON", "P50", null, null);
        var result = Analyzer.Analyze([.. Photos("P50", "fine", 30), bare, unsigned], CancellationToken.None);
        Assert.Empty(result.Findings);
        Assert.Equal(30, result.Summary["signed"]!.GetValue<int>());
    }
}
