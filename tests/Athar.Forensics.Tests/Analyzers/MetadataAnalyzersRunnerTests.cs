using Athar.Core.Analysis;
using Athar.Core.Intake;
using Athar.Forensics.Analysis;
using Athar.Imaging.Jpeg;
using Athar.Storage;
using Athar.TestSupport;

namespace Athar.Forensics.Tests.Analyzers;

/// <summary>The default catalog through the runner into a real archive: the metadata analyzers' findings reach the catalog.</summary>
public sealed class MetadataAnalyzersRunnerTests : IDisposable
{
    private readonly TempDirectory _temp = new("meta-runner");
    private readonly AtharArchive _archive;

    public MetadataAnalyzersRunnerTests()
    {
        var photo = File.ReadAllBytes(Path.Combine(TestData.CameraOriginals, "Canon IXUS 300.jpg"));
        _temp.WriteFile("drive/original.jpg", photo);
        _temp.WriteFile("drive/stripped.jpg", JpegSegments.StripMetadata(photo));
        _archive = AtharArchive.Init(_temp.Combine("archive"));
        new IngestPipeline(new ArchiveIngestCommitter(_archive, "tester"))
            .RunAsync([_temp.Combine("drive")], new SourceDescription("d1", null, null, null)).GetAwaiter().GetResult();
    }

    [Fact]
    public void Default_analyzers_record_metadata_findings()
    {
        var summary = new AnalysisRunner(new ArchiveAnalysisStore(_archive, "tester"), AnalyzerCatalog.Default()).Run(cancel: TestContext.Current.CancellationToken);
        Assert.Empty(summary.Failures);
        var findings = _archive.Catalog.Findings().ToList();
        Assert.Contains(findings, f => f.Analyzer == "metadata" && f.Code == "exif.summary" && f.Data.Contains("\"make\":\"Canon\"", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Code == "exif.stripped" && f.Severity == (long)Severity.Warning);
        Assert.Contains(findings, f => f.Code == "jpeg.signature-camera-match");
        Assert.DoesNotContain(findings, f => f.Analyzer is "editing-trace" or "time-consistency");
    }

    public void Dispose()
    {
        _archive.Dispose();
        _temp.Dispose();
    }
}
