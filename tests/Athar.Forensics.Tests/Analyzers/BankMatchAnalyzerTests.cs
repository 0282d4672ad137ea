using System.Text;
using System.Text.Json.Nodes;
using Athar.Core.Analysis;
using Athar.Core.Intake;
using Athar.Forensics.Analysis;
using Athar.Forensics.Analyzers;
using Athar.Forensics.HashBanks;
using Athar.Forensics.Pdq;
using Athar.Storage;
using Athar.TestSupport;

namespace Athar.Forensics.Tests.Analyzers;

/// <summary>Bank matching against a real archive: a match after import, rotated matches, staleness only for bank-match.</summary>
public sealed class BankMatchAnalyzerTests : IDisposable
{
    private readonly TempDirectory _temp = new("bank-match");
    private readonly AtharArchive _archive;

    public BankMatchAnalyzerTests()
    {
        _temp.WriteFile("drive/original.jpg", File.ReadAllBytes(Path.Combine(TestData.Pdq, "reg-test-input", "dih", "bridge-1-original.jpg")));
        _temp.WriteFile("drive/other.jpg", File.ReadAllBytes(Directory.EnumerateFiles(TestData.CameraOriginals, "*.jpg").Order(StringComparer.Ordinal).First()));
        _archive = AtharArchive.Init(_temp.Combine("archive"));
        new IngestPipeline(new ArchiveIngestCommitter(_archive, "tester"))
            .RunAsync([_temp.Combine("drive")], new SourceDescription("d1", null, null, null)).GetAwaiter().GetResult();
        new AnalysisRunner(Store, [new MetadataAnalyzer(), new PerceptualHashAnalyzer()]).Run();
    }

    private ArchiveAnalysisStore Store => new(_archive, "tester");

    private string BridgeItem => _archive.Catalog.Findings(code: PerceptualHashAnalyzer.HashCode)
        .Single(f => JsonNode.Parse(f.Data)!["quality"]!.GetValue<int>() == 100 && _archive.Catalog.CopiesOf(f.ItemId)[0].Path.EndsWith("original.jpg", StringComparison.Ordinal)).ItemId;

    [Fact]
    public void Importing_a_bank_reruns_only_bank_match_and_flags_the_rotated_image()
    {
        var first = Run();
        Assert.All(first, r => Assert.True(r.Ran));
        Assert.All(Run(), r => Assert.False(r.Ran));

        // The bank holds the bridge photo turned a quarter (the reference's own rotated file), 5 bits away, and noise.
        var rotated = PdqJpeg.HashFile(Path.Combine(TestData.Pdq, "reg-test-input", "dih", "bridge-2-rotate-90.jpg"), PdqOptions.Default).Hash;
        var near = Flip(rotated, 5);
        var random = new Random(5);
        var lines = new StringBuilder("hash,label\n");
        for (var i = 0; i < 2000; i++) lines.Append(Tests.HashIndex.PdqHashIndexTests.RandomHash(random)).Append(",noise ").Append(i).Append('\n');
        lines.Append(near).Append(",war-2004/bridge\n");
        Import("published", lines.ToString());

        var after = Run();
        Assert.False(after.Single(r => r.Analyzer == "near-duplicates").Ran);
        var bankRun = after.Single(r => r.Analyzer == "bank-match");
        Assert.True(bankRun.Ran);
        Assert.Equal(1, bankRun.Changed);

        var finding = Assert.Single(_archive.Catalog.Findings(code: BankMatchAnalyzer.Code));
        Assert.Equal(BridgeItem, finding.ItemId);
        Assert.Equal((long)Severity.Warning, finding.Severity);
        Assert.Contains("matches previously published imagery: published/war-2004/bridge", finding.Explanation, StringComparison.Ordinal);
        var data = JsonNode.Parse(finding.Data)!.AsObject();
        Assert.Equal("published", data["bank"]!.GetValue<string>());
        Assert.Equal("war-2004/bridge", data["label"]!.GetValue<string>());
        Assert.Equal(near.ToString(), data["bankHash"]!.GetValue<string>());
        Assert.Equal(2000, data["entry"]!.GetValue<long>());
        Assert.InRange(data["distance"]!.GetValue<int>(), 0, 31);
        Assert.NotEqual("original", data["transform"]!.GetValue<string>());

        // Up to date again; replacing the bank with one that no longer matches clears the finding.
        Assert.All(Run(), r => Assert.False(r.Ran));
        Import("published", "hash\n" + Tests.HashIndex.PdqHashIndexTests.RandomHash(random) + "\n");
        Assert.True(Run().Single(r => r.Analyzer == "bank-match").Ran);
        Assert.Empty(_archive.Catalog.Findings(code: BankMatchAnalyzer.Code));
    }

    [Fact]
    public void A_bank_file_changed_after_import_is_refused()
    {
        Import("b", Flip(PdqHash.Zero, 3) + "\n");
        var path = _archive.BankPath("b");
        var bytes = File.ReadAllBytes(path);
        bytes[30] ^= 1;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => Run());
        Assert.Contains("import the bank again", error.Message, StringComparison.Ordinal);
    }

    private IReadOnlyList<ArchiveRunSummary> Run() => new ArchiveAnalysisRunner(Store, AnalyzerCatalog.ArchiveDefault(Store)).Run(TestContext.Current.CancellationToken);

    private void Import(string name, string text)
    {
        var parse = HashBankText.Parse(new MemoryStream(Encoding.UTF8.GetBytes(text)), _ => { });
        _archive.ImportBank(name, name + ".csv", new string('0', 64), parse.Hashes, parse.Rejected, s => HashBankFile.Write(s, parse.Content), "tester");
    }

    private static PdqHash Flip(PdqHash hash, int bits) => new(hash.W0 ^ ((1UL << bits) - 1), hash.W1, hash.W2, hash.W3);

    public void Dispose()
    {
        _archive.Dispose();
        _temp.Dispose();
    }
}
