using Athar.Core.Custody;
using Athar.Web.Cases;
using Athar.Web.Tests.Browser;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Athar.Web.Tests.Cases;

/// <summary>
/// In real Chromium against the real server: an analyst confirms a case in the transcription queue with the keyboard
/// alone and annotates it; a family liaison finds it by the detainee number, reveals a face region after the warning
/// and records a claim; an admin finds each of those steps on the audit page. Saves screenshots of the queue, the case
/// page and the statistics page to docs/screenshots (or $ATHAR_SCREENSHOTS).
/// </summary>
[Collection(CaseArchiveCollection.Name)]
public sealed class CaseFlowBrowserTests(CaseArchiveFixture fixture)
{
    [Fact]
    public async Task Confirm_by_keyboard_annotate_search_as_family_reveal_a_face_record_a_claim_and_audit_it_all()
    {
        BrowserArchive.RequireChromium();
        var requests = new RequestLog();
        await requests.Run(() => CaseFlow(requests));
    }

    private async Task CaseFlow(RequestLog requests)
    {
        var csp = new List<string>();
        var analyst = await SignIn(CaseArchiveFixture.AccountFor("analyst"), csp, requests);

        // The queue, by keyboard alone: the detainee field has focus; retype the number, Tab past the others, Enter.
        await analyst.GotoAsync("/cases/queue");
        var id = await analyst.Locator("input[name=case]").GetAttributeAsync("value") ?? throw new InvalidOperationException("no case in the queue");
        var catalog = new CaseCatalog(Options.Create(new AtharWebOptions { Archive = fixture.Archive }));
        var truth = catalog.Case(id)!.Case.Numbers;
        await Assertions.Expect(analyst.Locator("img.card-crop")).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await analyst.Locator("img.card-crop").EvaluateAsync<int>("i => i.naturalWidth") > 0, "the card crop loaded");
        await Assertions.Expect(analyst.GetByLabel("Detainee number")).ToBeFocusedAsync();
        await Screenshot(analyst, "queue");
        await analyst.Keyboard.PressAsync("Control+A");
        await analyst.Keyboard.TypeAsync(truth.Detainee.Value!);
        await analyst.Keyboard.PressAsync("Tab");
        await Assertions.Expect(analyst.GetByLabel("Branch number")).ToBeFocusedAsync();
        await analyst.Keyboard.PressAsync("Tab");
        await analyst.Keyboard.PressAsync("Enter");
        await analyst.WaitForURLAsync($"**/cases/queue?after={id}&done={id}");
        await Assertions.Expect(analyst.GetByRole(AriaRole.Status)).ToContainTextAsync($"{id} confirmed");
        await Assertions.Expect(analyst.Locator("#rate")).ToContainTextAsync("You confirmed 1 cases in the last hour");
        // The next case is ready for typing, and Esc skips it (queue.js).
        await Assertions.Expect(analyst.GetByLabel("Detainee number")).ToBeFocusedAsync();
        var next = await analyst.Locator("input[name=case]").GetAttributeAsync("value");
        Assert.NotEqual(id, next);
        await analyst.Keyboard.PressAsync("Escape");
        await analyst.WaitForURLAsync($"**/cases/queue?after={next}");
        Assert.Equal("confirmed", catalog.Case(id)!.Case.Status == Athar.Cases.Model.NumberStatus.Confirmed ? "confirmed" : "machine-read");

        // Annotate the case: a sign, and the face region that a family may see.
        await analyst.GotoAsync("/cases/" + id);
        await analyst.Locator("select[name=sign]").SelectOptionAsync("beating");
        await analyst.GetByRole(AriaRole.Button, new() { Name = "Add sign" }).ClickAsync();
        await Assertions.Expect(analyst.Locator("table.annotations")).ToContainTextAsync("Signs of beating");
        var face = analyst.Locator("form", new() { Has = analyst.GetByRole(AriaRole.Button, new() { Name = "Mark face region" }) });
        await face.GetByLabel("Left (% of width)").FillAsync("30");
        await face.GetByLabel("Top (% of height)").FillAsync("5");
        await face.GetByLabel("Width (%)").FillAsync("30");
        await face.GetByLabel("Height (%)").FillAsync("35");
        await face.GetByRole(AriaRole.Button, new() { Name = "Mark face region" }).ClickAsync();
        await Assertions.Expect(analyst.Locator("table.annotations")).ToContainTextAsync("Face region on photo 1");
        await Screenshot(analyst, "case");
        await analyst.GotoAsync("/cases/statistics");
        await Assertions.Expect(analyst.Locator("svg.chart")).ToHaveCountAsync(3);
        await Screenshot(analyst, "statistics");

        // A family liaison searches by the detainee number, opens the case, reveals the face after the warning, records a claim.
        var family = await SignIn(CaseArchiveFixture.AccountFor("family-liaison"), csp, requests);
        await family.GotoAsync("/families");
        await family.GetByLabel("Detainee number").FillAsync(truth.Detainee.Value!);
        await family.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await family.GetByRole(AriaRole.Link, new() { Name = id }).ClickAsync();
        await family.WaitForURLAsync("**/families/cases/" + id);
        Assert.Equal(0, await family.Locator("img[src^='/items/']").CountAsync());
        await family.GetByRole(AriaRole.Link, new() { Name = "Reveal the face in photo 1…" }).ClickAsync();
        await Assertions.Expect(family.GetByRole(AriaRole.Alert)).ToContainTextAsync("Warning.");
        Assert.Equal(0, await family.Locator("img.face").CountAsync());
        await family.GetByLabel("I have read the warning and choose to see this face").CheckAsync();
        await family.GetByRole(AriaRole.Button, new() { Name = "Reveal the face in photo 1" }).ClickAsync();
        await Assertions.Expect(family.Locator("img.face")).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await family.Locator("img.face").EvaluateAsync<int>("i => i.naturalWidth") > 0, "the face crop loaded");
        await family.GotoAsync("/families/cases/" + id);
        await family.GetByLabel("Claimant's name").FillAsync("Samir Example");
        await family.GetByLabel("Relationship to the person").FillAsync("brother");
        await family.GetByLabel("Contact").FillAsync("via the families' association");
        await family.GetByRole(AriaRole.Button, new() { Name = "Record the claim" }).ClickAsync();
        await Assertions.Expect(family.GetByRole(AriaRole.Status)).ToContainTextAsync("recorded; it is pending");

        // Every step is on the audit page, with its actor and the case.
        var admin = await SignIn(CaseArchiveFixture.AccountFor("admin"), csp, requests);
        var steps = new (string Type, string Actor)[]
        {
            (CustodyEventTypes.CaseNumbersConfirmed, CaseArchiveFixture.AccountFor("analyst")),
            (CustodyEventTypes.CaseAnnotated, CaseArchiveFixture.AccountFor("analyst")),
            (CustodyEventTypes.CasesSearched, CaseArchiveFixture.AccountFor("family-liaison")),
            (CustodyEventTypes.CaseViewed, CaseArchiveFixture.AccountFor("family-liaison")),
            (CustodyEventTypes.FaceRegionRevealed, CaseArchiveFixture.AccountFor("family-liaison")),
            (CustodyEventTypes.IdentificationClaimRecorded, CaseArchiveFixture.AccountFor("family-liaison")),
        };
        foreach (var (type, actor) in steps)
        {
            await admin.GotoAsync("/audit");
            await admin.GetByLabel("Actor").FillAsync("web:" + actor);
            await admin.GetByLabel("Event").SelectOptionAsync(type);
            await admin.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
            await admin.WaitForURLAsync("**/audit?*");
            var row = admin.Locator("table tbody tr").Filter(new() { HasText = type }).Filter(new() { HasText = type == CustodyEventTypes.CasesSearched ? truth.Detainee.Value! : id });
            await Assertions.Expect(row.First).ToBeVisibleAsync();
        }
        Assert.Empty(csp);
    }

    private async Task<IPage> SignIn(string name, List<string> csp, RequestLog requests)
    {
        var context = await fixture.Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        // CI runs the test assemblies side by side on two cores, next to the CLI tests' ingests (fsync, syncfs), and
        // every audited step here waits for its ledger fsync: one sign-in there took over 30 s (2026-11-22).
        context.SetDefaultTimeout(90_000);
        requests.Watch(context);
        var page = await context.NewPageAsync();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) csp.Add(message.Text); };
        await page.GotoAsync("/login");
        await page.GetByLabel("Account name").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(WebAppFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        return page;
    }

    private static async Task Screenshot(IPage page, string name)
    {
        await page.EvaluateAsync("window.scrollTo(0, document.body.scrollHeight)");
        await page.WaitForFunctionAsync("() => [...document.images].every(i => i.complete)");
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        var folder = Environment.GetEnvironmentVariable("ATHAR_SCREENSHOTS") is { Length: > 0 } dir ? dir : Path.Combine(CasePageTests.RepositoryRoot(), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
