using Athar.Forensics.Analysis;
using Athar.Forensics.Analyzers;
using Athar.TestSupport;

namespace Athar.Forensics.Tests.Analyzers;

/// <summary>The four metadata analyzers on deliberately broken files: findings, never exceptions.</summary>
public sealed class MetadataAnalyzersRobustnessTests
{
    [Fact]
    public void Broken_files_never_make_an_analyzer_throw()
    {
        IItemAnalyzer[] analyzers = [new MetadataAnalyzer(), new EditingTraceAnalyzer(), new TimeConsistencyAnalyzer(), new CompressionSignatureAnalyzer()];
        var files = Directory.EnumerateFiles(TestData.Robustness, "*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(TestData.ExifSamples, "jpg", "invalid"), "*.jpg"));
        var count = 0;
        foreach (var path in files)
        {
            using var context = AnalyzerFixtures.Context(File.ReadAllBytes(path));
            foreach (var analyzer in analyzers) _ = analyzer.Analyze(context);
            count++;
        }
        Assert.True(count > 50, $"only {count} files");
    }
}
