using System.Net;
using System.Text.RegularExpressions;
using Athar.Core.Intake;
using Athar.Forensics.Analysis;
using Athar.Imaging.Raster;
using Athar.Imaging.TurboJpeg;
using Athar.Storage;
using Athar.TestSupport;
using Athar.Web.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

[assembly: AssemblyFixture(typeof(Athar.Web.Tests.WebAppFixture))]

namespace Athar.Web.Tests;

/// <summary>
/// One real archive for the whole test assembly: made with AtharArchive.Init, with three camera originals, one
/// synthetic high-detail JPEG and one text file ingested through IngestPipeline and analysed (tier 1), and an
/// account per role. Tests
/// that count ledger events or lock an account use accounts of their own, so that parallel tests do not meet.
/// </summary>
public sealed partial class WebAppFixture : IAsyncLifetime
{
    public const string Password = "correct horse battery staple";
    public const int TestIterations = 1000;

    private readonly TempDirectory _temp = new("web");

    public string Archive => _temp.Combine("archive");
    public WebApplicationFactory<AtharWebOptions> Factory { get; private set; } = null!;
    public string DetailedJpegId { get; private set; } = "";
    public string TextFileId { get; private set; } = "";
    /// <summary>A half-size re-encoded copy of "Canon PowerShot S330.jpg", in that photo's near-duplicate group.</summary>
    public string NearDuplicateId { get; private set; } = "";
    public IReadOnlyList<string> ItemIds { get; private set; } = [];
    public AccountStore Accounts { get; private set; } = null!;

    /// <summary>Accounts named after their role, plus spares for tests that count events or lock accounts.</summary>
    public static readonly IReadOnlyDictionary<string, string> AccountFor = Roles.All.ToDictionary(r => r, r => r.Replace("-", "", StringComparison.Ordinal) + "1");

    public async ValueTask InitializeAsync()
    {
        var drive = _temp.Combine("drive");
        foreach (var name in new[] { "FujiFilm FinePix40i.jpg", "Canon PowerShot S330.jpg", "Sanyo SR6.jpg" })
            _temp.WriteFile("drive/DCIM/" + name, File.ReadAllBytes(Path.Combine(TestData.CameraOriginals, name)));
        var detailed = DetailedJpeg();
        _temp.WriteFile("drive/DCIM/detail.jpg", detailed);
        _temp.WriteFile("drive/notes/readme.txt", "not an image\n"u8.ToArray());
        using (var archive = AtharArchive.Init(Archive, actor: "tester"))
        {
            await new IngestPipeline(new ArchiveIngestCommitter(archive, "tester"))
                .RunAsync([drive], new SourceDescription("drive-01", "custodian A", "2014-01-20", null));
            _temp.WriteFile("drive2/backup/detail-copy.jpg", detailed); // a duplicate on a second drive
            // A near-duplicate: the Canon photo at half size, re-encoded without its metadata, as an export would be.
            using (var half = JpegDecoder.Shared.Decode(File.ReadAllBytes(Path.Combine(TestData.CameraOriginals, "Canon PowerShot S330.jpg")), PixelLayout.Rgb24, JpegScale.Half))
            {
                var smaller = JpegEncoder.Shared.Encode(half, 85);
                _temp.WriteFile("drive2/export/canon-small.jpg", smaller);
                NearDuplicateId = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(smaller));
            }
            await new IngestPipeline(new ArchiveIngestCommitter(archive, "tester"))
                .RunAsync([_temp.Combine("drive2")], new SourceDescription("drive-02", "custodian B", "2014-03-02", null));
            AnalysisPass.Run(new ArchiveAnalysisStore(archive, "tester"));
            archive.WriteCheckpoint("tester");
            ItemIds = archive.Catalog.Items().Select(i => i.Id).ToList();
            DetailedJpegId = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(detailed));
            TextFileId = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("not an image\n"u8));
        }
        Accounts = new AccountStore(Path.Combine(Archive, "accounts.db"), iterations: TestIterations);
        foreach (var (role, name) in AccountFor) Accounts.Create(name, role, Password);
        Factory = new WebApplicationFactory<AtharWebOptions>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Athar:Archive", Archive);
            b.UseSetting("Athar:PasswordIterations", TestIterations.ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting("Athar:LoginAttemptsPerAddressPerMinute", "100000");
            b.UseSetting("Athar:LoginAttemptsPerNamePerMinute", "1000");
        });
    }

    /// <summary>A new account of <paramref name="role"/> for one test.</summary>
    public string NewAccount(string role, byte[]? totpSecret = null)
    {
        var name = "t" + Guid.NewGuid().ToString("N")[..12];
        Accounts.Create(name, role, Password, totpSecret);
        return name;
    }

    public HttpClient Client() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in as <paramref name="name"/>.</summary>
    public async Task<HttpClient> SignedIn(string name)
    {
        var client = Client();
        var response = await Login(client, name, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static async Task<HttpResponseMessage> Login(HttpClient client, string name, string password, string? code = null)
    {
        var token = await AntiforgeryToken(client, "/login");
        var form = new Dictionary<string, string> { ["UserName"] = name, ["Password"] = password, ["__RequestVerificationToken"] = token };
        if (code is not null) form["Code"] = code;
        return await client.PostAsync("/login", new FormUrlEncodedContent(form));
    }

    /// <summary>The antiforgery token of the first form on the page at <paramref name="path"/>.</summary>
    public static async Task<string> AntiforgeryToken(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        return TokenPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"no antiforgery token on {path}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>An 800x600 JPEG full of fine detail (a checkerboard of 4-pixel squares with noise), so blur shows plainly.</summary>
    private static byte[] DetailedJpeg()
    {
        using var image = ImageBuffer.Create(800, 600, PixelLayout.Rgb24);
        var random = new Random(6238);
        for (var y = 0; y < image.Height; y++)
        {
            var row = image.Row(y);
            for (var x = 0; x < image.Width; x++)
            {
                var v = ((x / 4 + y / 4) % 2 == 0 ? 40 : 215) + random.Next(-20, 21);
                row[3 * x] = (byte)v;
                row[3 * x + 1] = (byte)(255 - v);
                row[3 * x + 2] = (byte)v;
            }
        }
        return JpegEncoder.Shared.Encode(image, quality: 92);
    }

    public async ValueTask DisposeAsync()
    {
        if (Factory is not null) await Factory.DisposeAsync();
        _temp.Dispose();
    }
}
