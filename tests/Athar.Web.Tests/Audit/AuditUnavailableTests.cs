using System.Net;
using Athar.Core.Intake;
using Athar.Storage;
using Athar.TestSupport;
using Athar.Web.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Athar.Web.Tests.Audit;

/// <summary>When another process holds the ledger's writer lock past the wait, an audited action fails with 503 and nothing is shown.</summary>
public sealed class AuditUnavailableTests
{
    [Fact]
    public async Task An_item_view_is_refused_while_the_ledger_cannot_record_it()
    {
        using var temp = new TempDirectory("web-busy");
        var root = temp.Combine("archive");
        temp.WriteFile("drive/a.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]);
        string id;
        using (var archive = AtharArchive.Init(root, actor: "tester"))
        {
            await new IngestPipeline(new ArchiveIngestCommitter(archive, "tester")).RunAsync([temp.Combine("drive")], new SourceDescription("d", null, null, null));
            id = archive.Catalog.Items().Single().Id;
        }
        new AccountStore(Path.Combine(root, "accounts.db"), iterations: 1000).Create("busy1", Roles.Analyst, WebAppFixture.Password);
        await using var factory = new WebApplicationFactory<AtharWebOptions>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Athar:Archive", root);
            b.UseSetting("Athar:AuditLockWait", "00:00:00.500");
        });
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await WebAppFixture.Login(client, "busy1", WebAppFixture.Password)).StatusCode);

        long sizeBefore;
        using (var writer = AtharArchive.Open(root, writable: true)) // another athar process, writing
        {
            sizeBefore = writer.Ledger.Size;
            var response = await client.GetAsync("/items/" + id);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.DoesNotContain(id, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var download = await client.GetAsync($"/items/{id}/original");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, download.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/items/" + id)).StatusCode);
        using var after = AtharArchive.Open(root, writable: false);
        Assert.Equal(sizeBefore + 1, after.Ledger.Size);
    }
}
