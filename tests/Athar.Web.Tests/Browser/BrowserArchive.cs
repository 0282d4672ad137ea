using Athar.Core.Intake;
using Athar.Forensics.Analysis;
using Athar.Storage;
using Athar.Synth;
using Athar.TestSupport;
using Athar.Web.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Playwright;

namespace Athar.Web.Tests.Browser;

/// <summary>
/// A small synthetic archive (abstract scenes from Athar.Synth, no real imagery: these pages are photographed
/// for docs/screenshots), ingested drive by drive, analysed and checkpointed, served by the real app on Kestrel
/// at 127.0.0.1 on a free port, and a headless Debian Chromium driven by Playwright. Chromium is
/// <see cref="ChromiumPath"/>; when it is missing the tests skip, except under CI=true, where they fail.
/// </summary>
public sealed class BrowserArchive : IAsyncLifetime
{
    public const string AdminName = "reviewer";

    private readonly TempDirectory _temp = new("web-browser");
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public string Archive => _temp.Combine("archive");
    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("ATHAR_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Skips the calling test when Chromium is missing, or fails it under CI=true.</summary>
    public static void RequireChromium()
    {
        if (File.Exists(ChromiumPath)) return;
        var message = $"chromium not found at {ChromiumPath}: run ATHAR_NEED_BROWSER=1 ./scripts/ensure-native.sh (test.sh does)";
        if (TestData.IsCi) throw new InvalidOperationException(message);
        Assert.Skip(message);
    }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath)) return; // each test reports the skip (or the CI failure) itself
        var drives = _temp.Combine("synthetic");
        SynthGenerator.Generate(new SynthOptions
        {
            OutputDirectory = drives, Photos = 30, Width = 640, Height = 480, Seed = 11, Drives = 2, Cameras = 2,
            AnomalyRate = 0.2, BodiesPerDay = 4, Parallelism = 2,
        });
        using (var archive = AtharArchive.Init(Archive, actor: "tester"))
        {
            foreach (var drive in Directory.GetDirectories(drives, "drive-*").Order(StringComparer.Ordinal))
                await new IngestPipeline(new ArchiveIngestCommitter(archive, "tester"))
                    .RunAsync([drive], new SourceDescription(Path.GetFileName(drive), "custodian (synthetic)", "2014-01-20", "synthetic drive"));
            new AnalysisRunner(new ArchiveAnalysisStore(archive, "tester"), AnalyzerCatalog.Default()).Run();
            archive.WriteCheckpoint("tester");
        }
        new AccountStore(Path.Combine(Archive, "accounts.db"), iterations: WebAppFixture.TestIterations).Create(AdminName, Roles.Admin, WebAppFixture.Password);

        _app = AtharWebApp.Build(["--urls", "http://127.0.0.1:0", "--Athar:PasswordIterations=" + WebAppFixture.TestIterations], Archive);
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // No sandbox (tests may run as root), no GPU, and nothing that phones home.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-extensions"],
        });
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
        _temp.Dispose();
    }
}
