using System.Text.Json.Nodes;
using Athar.Core.Custody;
using Athar.Imaging.Raster;
using Athar.Imaging.TurboJpeg;
using Athar.Web.Catalog;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Athar.Web.Tests.Browser;

/// <summary>
/// A reviewer's session in real Chromium against the real server: sign in, filter the gallery, check that the
/// thumbnails on screen are blurred and grey, reveal one image, open its page, download its inclusion proof,
/// and find those actions on the audit page. Saves screenshots of the dashboard, gallery, item and audit
/// pages to docs/screenshots (or to $ATHAR_SCREENSHOTS).
/// </summary>
public sealed class ReviewFlowTests(BrowserArchive server) : IClassFixture<BrowserArchive>
{
    [Fact]
    public async Task A_reviewer_signs_in_filters_sees_blur_reveals_downloads_the_proof_and_finds_it_all_audited()
    {
        BrowserArchive.RequireChromium();
        await using var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, AcceptDownloads = true,
        });
        // CI runs the test assemblies side by side on two cores, next to the CLI tests' ingests (fsync, syncfs), and
        // every audited step here waits for its ledger fsync: one sign-in there took over 30 s (2026-11-22).
        context.SetDefaultTimeout(90_000);
        var requests = new RequestLog(context);
        var page = await context.NewPageAsync();
        await requests.Run(() => Review(page));
    }

    private async Task Review(IPage page)
    {
        var cspViolations = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) cspViolations.Add(message.Text); };

        // Sign in.
        await page.GotoAsync("/gallery");
        Assert.EndsWith("/login?ReturnUrl=%2Fgallery", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("Account name").FillAsync(BrowserArchive.AdminName);
        await page.GetByLabel("Password").FillAsync(WebAppFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/gallery");
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await Screenshot(page, "dashboard");

        // Filter the gallery by the second drive: every thumbnail shown must be an item with a copy on it.
        await page.GotoAsync("/gallery");
        var all = await ThumbnailIds(page);
        await page.GetByLabel("Source").SelectOptionAsync("drive-02");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForURLAsync("**/gallery?*source=drive-02*");
        var filtered = await ThumbnailIds(page);
        var catalog = new WebCatalog(Options.Create(new AtharWebOptions { Archive = server.Archive }));
        Assert.NotEmpty(filtered);
        Assert.True(filtered.Count < all.Count || all.Count == Gallery60, "the filter narrowed the gallery");
        Assert.All(filtered, id => Assert.Contains(catalog.Copies(id), c => c.Source == "drive-02"));
        await Screenshot(page, "gallery");

        // The thumbnail as the browser decoded it (read back through a canvas) is blurred and grey: its fine detail
        // (variance of the Laplacian) is far below the original's at the same size, and its colour channels agree.
        var first = page.Locator("ul.gallery img").First;
        await Assertions.Expect(first).ToHaveJSPropertyAsync("complete", true);
        var id = filtered[0];
        var pixels = await first.EvaluateAsync<int[]>("""
            img => { const c = document.createElement('canvas'); c.width = img.naturalWidth; c.height = img.naturalHeight;
                     const g = c.getContext('2d'); g.drawImage(img, 0, 0);
                     return [c.width, c.height, ...g.getImageData(0, 0, c.width, c.height).data]; }
            """);
        using var shownGrey = Grey(pixels, out var maxChannelSpread);
        var original = File.ReadAllBytes(OriginalFiles.PathOf(server.Archive, catalog.Item(id)!));
        using var originalGrey = JpegDecoder.Shared.Decode(original, PixelLayout.Gray8);
        using var originalAtSize = Resample.AreaAverage(originalGrey, shownGrey.Width, shownGrey.Height);
        var shownDetail = LaplacianVariance(shownGrey);
        var originalDetail = LaplacianVariance(originalAtSize);
        Assert.True(shownDetail < originalDetail / 10, $"thumbnail detail {shownDetail:0.00} should be far below the original's {originalDetail:0.00}");
        Assert.True(maxChannelSpread <= 8, $"thumbnail should be grey; its channels differ by up to {maxChannelSpread}");

        // Open the item, screenshot it blurred, then reveal it.
        await first.ClickAsync();
        await page.WaitForURLAsync("**/items/" + id);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Assessment" })).ToBeVisibleAsync();
        await Screenshot(page, "item");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reveal this image" }).ClickAsync();
        var revealed = page.Locator("img.preview");
        await Assertions.Expect(revealed).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("/revealed/"));
        await Assertions.Expect(revealed).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await revealed.EvaluateAsync<int>("img => img.naturalWidth") > 0, "the revealed image loaded");

        // Download the proof and check it against the checkpoint it carries.
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Download the inclusion proof and checkpoint" }).ClickAsync());
        Assert.StartsWith("athar-proof-" + id[..12], download.SuggestedFilename, StringComparison.Ordinal);
        var proof = JsonNode.Parse(await File.ReadAllTextAsync((await download.PathAsync())!))!;
        Assert.Equal(id, (string?)proof["item"]);
        Assert.True((bool)proof["verified"]!);
        var note = (string)proof["checkpoint"]!;
        var checkpoint = Checkpoint.ParseBody(note[..(note.IndexOf("\n\n", StringComparison.Ordinal) + 1)]);
        var entry = proof["entries"]![0]!;
        Assert.True(MerkleProofs.VerifyInclusion((long)entry["leafIndex"]!, checkpoint.TreeSize,
            Rfc6962.HashLeaf(System.Text.Encoding.UTF8.GetBytes((string)entry["entry"]!)),
            entry["proof"]!.AsArray().Select(p => Convert.FromBase64String((string)p!)).ToList(), checkpoint.RootHash));

        // The audit page lists the sign-in, the view, the reveal and the proof download, by this reviewer.
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit" }).ClickAsync();
        await page.GetByLabel("Actor").FillAsync("web:" + BrowserArchive.AdminName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForURLAsync("**/audit?*");
        var rows = page.Locator("table tbody tr");
        foreach (var type in new[] { CustodyEventTypes.LoginSucceeded, CustodyEventTypes.ItemViewed, CustodyEventTypes.ItemRevealed, CustodyEventTypes.ProofDownloaded })
        {
            var row = type == CustodyEventTypes.LoginSucceeded ? rows.Filter(new() { HasText = type }) : rows.Filter(new() { HasText = type }).Filter(new() { HasText = id[..12] });
            await Assertions.Expect(row.First).ToBeVisibleAsync();
        }
        await Screenshot(page, "audit");
        Assert.Empty(cspViolations);
    }

    private const int Gallery60 = 60;

    private static async Task<List<string>> ThumbnailIds(IPage page) =>
        [.. (await page.Locator("ul.gallery a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
            .Select(href => href[(href.LastIndexOf('/') + 1)..])];

    private static async Task Screenshot(IPage page, string name)
    {
        // Lazy images below the fold load only when scrolled to; a full-page picture wants them all.
        await page.EvaluateAsync("window.scrollTo(0, document.body.scrollHeight)");
        await page.WaitForFunctionAsync("() => [...document.images].every(i => i.complete)");
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        var folder = Environment.GetEnvironmentVariable("ATHAR_SCREENSHOTS") is { Length: > 0 } dir ? dir : Path.Combine(RepositoryRoot(), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Athar.slnx"))) return dir.FullName;
        throw new InvalidOperationException("repository root (Athar.slnx) not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Canvas RGBA (after width and height) to grey; also the largest difference between channels in any pixel.</summary>
    private static ImageBuffer Grey(int[] canvas, out int maxChannelSpread)
    {
        int width = canvas[0], height = canvas[1];
        var grey = ImageBuffer.Create(width, height, PixelLayout.Gray8);
        maxChannelSpread = 0;
        for (var y = 0; y < height; y++)
        {
            var target = grey.Row(y);
            for (var x = 0; x < width; x++)
            {
                var i = 2 + 4 * (y * width + x);
                int r = canvas[i], g = canvas[i + 1], b = canvas[i + 2];
                target[x] = (byte)((r + g + b) / 3);
                maxChannelSpread = Math.Max(maxChannelSpread, Math.Max(r, Math.Max(g, b)) - Math.Min(r, Math.Min(g, b)));
            }
        }
        return grey;
    }

    /// <summary>Variance of the 4-neighbour Laplacian over the interior: a standard measure of how much fine detail an image has.</summary>
    private static double LaplacianVariance(ImageBuffer grey)
    {
        double sum = 0, sumSquares = 0;
        long n = 0;
        for (var y = 1; y < grey.Height - 1; y++)
        {
            var above = grey.Row(y - 1);
            var row = grey.Row(y);
            var below = grey.Row(y + 1);
            for (var x = 1; x < grey.Width - 1; x++)
            {
                double v = above[x] + below[x] + row[x - 1] + row[x + 1] - 4 * row[x];
                sum += v;
                sumSquares += v * v;
                n++;
            }
        }
        var mean = sum / n;
        return sumSquares / n - mean * mean;
    }
}
