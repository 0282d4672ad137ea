using System.Globalization;
using System.Text.Json.Nodes;
using Athar.Cases.Editing;
using Athar.Cases.Grouping;
using Athar.Core.Analysis;
using Athar.Core.Intake;
using Athar.Forensics.Analysis;
using Athar.Storage;
using Athar.Synth;
using Athar.Synth.Output;
using Athar.TestSupport;
using Athar.Web.Accounts;
using Athar.Web.Tests.Browser;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Athar.Web.Tests.Cases;

[CollectionDefinition(Name)]
public sealed class CaseArchiveCollection : ICollectionFixture<CaseArchiveFixture>
{
    public const string Name = "case archive";
}

/// <summary>
/// A synthetic archive grouped into victim cases, for the case and family pages: 36 abstract photos of 1600 x 1200 (Athar.Synth,
/// no real imagery) on one drive, ingested and analysed, then card readings planted from the generator's ground
/// truth (the card's corners, and its numbers with a confidence per digit: one digit of every case's detainee
/// number is made weak, 0.55, so the queue has something to mark) in place of the card reader, which lives on
/// another branch; then <see cref="CaseBook.Read"/> groups the photos. An account per role. Served twice: in
/// memory (<see cref="Factory"/>, for integration tests) and on Kestrel at 127.0.0.1 with a headless Chromium for the
/// browser test, when Chromium is there.
/// </summary>
public sealed class CaseArchiveFixture : IAsyncLifetime
{
    public const double WeakDigit = 0.55;

    private readonly TempDirectory _temp = new("web-cases");
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public string Archive => _temp.Combine("archive");
    public GroundTruth Truth { get; private set; } = null!;
    public WebApplicationFactory<AtharWebOptions> Factory { get; private set; } = null!;
    public AccountStore Accounts { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public IBrowser? Browser { get; private set; }

    public static string AccountFor(string role) => "case-" + role.Replace("-", "", StringComparison.Ordinal);

    public async ValueTask InitializeAsync()
    {
        var drives = _temp.Combine("synthetic");
        var result = SynthGenerator.Generate(new SynthOptions
        {
            OutputDirectory = drives, Photos = 36, Width = 1600, Height = 1200, Seed = 7, Drives = 1, Cameras = 2,
            AnomalyRate = 0, BodiesPerDay = 6, Parallelism = 2,
        });
        Truth = result.GroundTruth;
        using (var archive = AtharArchive.Init(Archive, actor: "tester"))
        {
            foreach (var drive in Directory.GetDirectories(drives, "drive-*").Order(StringComparer.Ordinal))
                await new IngestPipeline(new ArchiveIngestCommitter(archive, "tester"))
                    .RunAsync([drive], new SourceDescription(Path.GetFileName(drive), "custodian (synthetic)", "2014-01-20", null));
            new AnalysisRunner(new ArchiveAnalysisStore(archive, "tester"), AnalyzerCatalog.Default()).Run();
            new ArchiveAnalysisStore(archive, "tester").Record(PlantedReadings(Truth));
            new CaseBook(new ArchiveCaseStore(archive), "tester").Read();
            archive.WriteCheckpoint("tester");
        }
        Accounts = new AccountStore(Path.Combine(Archive, "accounts.db"), iterations: WebAppFixture.TestIterations);
        foreach (var role in Roles.All) Accounts.Create(AccountFor(role), role, WebAppFixture.Password);
        Factory = new WebApplicationFactory<AtharWebOptions>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Athar:Archive", Archive);
            b.UseSetting("Athar:PasswordIterations", WebAppFixture.TestIterations.ToString(CultureInfo.InvariantCulture));
            b.UseSetting("Athar:LoginAttemptsPerAddressPerMinute", "100000");
            b.UseSetting("Athar:LoginAttemptsPerNamePerMinute", "1000");
        });

        if (!File.Exists(BrowserArchive.ChromiumPath)) return;
        _app = AtharWebApp.Build(["--urls", "http://127.0.0.1:0", "--Athar:PasswordIterations=" + WebAppFixture.TestIterations], Archive);
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserArchive.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-extensions"],
        });
    }

    /// <summary>A new account of <paramref name="role"/> for one test (tests that count events use their own).</summary>
    public string NewAccount(string role)
    {
        var name = "c" + Guid.NewGuid().ToString("N")[..12];
        Accounts.Create(name, role, WebAppFixture.Password);
        return name;
    }

    public HttpClient Client() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<HttpClient> SignedIn(string name)
    {
        var client = Client();
        var response = await WebAppFixture.Login(client, name, WebAppFixture.Password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>What the card reader would record for each original with a card: the true numbers, confident but for one digit.</summary>
    public static IReadOnlyList<AnalysisResult> PlantedReadings(GroundTruth truth)
    {
        var cards = truth.Cases.ToDictionary(c => c.Id, c => c.Card, StringComparer.Ordinal);
        var results = new List<AnalysisResult>();
        foreach (var file in truth.Files.Where(f => f.Kind == "original" && f.CardQuad is { Count: 4 } && f.Case is not null))
        {
            var card = cards[file.Case!];
            var lines = new JsonArray();
            foreach (var (role, text) in new[] { ("detainee", card.Detainee), ("branch", card.Branch), ("report", card.Report) })
            {
                var digits = new JsonArray();
                for (var i = 0; i < text.Length; i++)
                    digits.Add(new JsonObject { ["digit"] = text[i] - '0', ["confidence"] = role == "detainee" && i == text.Length - 1 ? WeakDigit : 0.98 });
                lines.Add(new JsonObject { ["role"] = role, ["text"] = text, ["digits"] = digits });
            }
            var quad = new JsonArray([.. file.CardQuad!.Select(p => (JsonNode)new JsonArray(p[0], p[1]))]);
            var data = new JsonObject { ["found"] = true, ["quad"] = quad, ["lines"] = lines, ["confidence"] = WeakDigit };
            var reader = new Athar.Forensics.Analyzers.CardReadingAnalyzer();
            results.Add(new AnalysisResult(file.Sha256, reader.Name, reader.Version,
                [new Finding(CardReading.FindingCode, Severity.Info, "Card read (planted from synthetic ground truth for the web tests).", data)]));
        }
        return results;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (Factory is not null) await Factory.DisposeAsync();
        _temp.Dispose();
    }
}
