using System.Text.Json.Nodes;
using Athar.Core.Custody;
using Athar.Web.Accounts;
using Athar.Web.Audit;
using Athar.Web.Catalog;
using Athar.Web.Derivatives;
using Athar.Web.Security;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Athar.Web.Endpoints;

/// <summary>
/// Images and originals of one item. Safe (blurred) thumbnails and previews for every role; the unblurred
/// image only with a grant from a reveal; the original, streamed unchanged from its OCFL object, for the
/// roles that may download, after the download is recorded in the ledger.
/// </summary>
public static class ItemEndpoints
{
    public static void MapAtharItems(this IEndpointRouteBuilder app)
    {
        app.MapGet("/items/{id}/thumb", (string id, HttpContext http, WebCatalog catalog, DerivativeStore derivatives, AccountStore accounts) =>
            SafeImage(id, DerivativeKind.Thumb, http, catalog, derivatives, accounts)).RequireAuthorization(Policies.Browse);

        app.MapGet("/items/{id}/preview", (string id, HttpContext http, WebCatalog catalog, DerivativeStore derivatives, AccountStore accounts) =>
            SafeImage(id, DerivativeKind.Preview, http, catalog, derivatives, accounts)).RequireAuthorization(Policies.Browse);

        app.MapGet("/items/{id}/revealed/{token}", (string id, string token, HttpContext http, WebCatalog catalog, DerivativeStore derivatives, RevealGrants grants) =>
        {
            var viewer = Viewer.From(http.User);
            if (catalog.Item(id) is not { } item) return Results.NotFound();
            if (!grants.Redeem(token, viewer.Name, item.Id)) return Results.Forbid();
            return derivatives.Revealed(item, DerivativeKind.Preview) is { } bytes
                ? Results.Bytes(bytes, "image/jpeg")
                : Results.Bytes(AssetEndpoints.Placeholder, "image/svg+xml");
        }).RequireAuthorization(Policies.Browse);

        app.MapGet("/items/{id}/original", async (string id, HttpContext http, WebCatalog catalog, AuditRecorder audit, IOptions<AtharWebOptions> options) =>
        {
            var viewer = Viewer.From(http.User);
            if (catalog.Item(id) is not { } item) return Results.NotFound();
            var stream = OriginalFiles.OpenRead(options.Value.Archive, item);
            try
            {
                await audit.RecordAsync(CustodyEventTypes.OriginalDownloaded, viewer.Actor, new JsonObject { ["item"] = item.Id },
                    new JsonObject { ["size"] = item.Size, ["storedName"] = item.StoredName }, http.RequestAborted);
            }
            catch
            {
                await stream.DisposeAsync();
                throw;
            }
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(item.StoredName);
            http.Response.Headers.ContentDisposition = disposition.ToString();
            return Results.Stream(stream, "application/octet-stream");
        }).RequireAuthorization(Policies.DownloadOriginal);

        MapProof(app);
    }

    /// <summary>
    /// The inclusion proof of the item's ingest entries and the latest signed checkpoint (<see cref="ItemProofs"/>),
    /// as a JSON attachment; recorded as <c>proof-downloaded</c>. The entries name sources and paths, so only the
    /// provenance roles may have it.
    /// </summary>
    private static void MapProof(IEndpointRouteBuilder app) =>
        app.MapGet("/items/{id}/proof", async (string id, HttpContext http, WebCatalog catalog, ItemProofs proofs, AuditRecorder audit) =>
        {
            var viewer = Viewer.From(http.User);
            if (catalog.Item(id) is not { } item) return Results.NotFound();
            if (proofs.For(item) is not { } document)
                return Results.Problem("No signed checkpoint covers this item's ingest yet; run 'athar ledger checkpoint'.", statusCode: StatusCodes.Status409Conflict);
            await audit.RecordAsync(CustodyEventTypes.ProofDownloaded, viewer.Actor, new JsonObject { ["item"] = item.Id },
                new JsonObject { ["treeSize"] = document["treeSize"]!.DeepClone() }, http.RequestAborted);
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName($"athar-proof-{item.Id[..12]}.json");
            http.Response.Headers.ContentDisposition = disposition.ToString();
            return Results.Text(document.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }), "application/json");
        }).RequireAuthorization(Policies.Provenance);

    private static IResult SafeImage(string id, DerivativeKind kind, HttpContext http, WebCatalog catalog, DerivativeStore derivatives, AccountStore accounts)
    {
        var viewer = Viewer.From(http.User);
        if (catalog.Item(id) is not { } item) return Results.NotFound();
        return derivatives.Safe(item, kind, viewer.Settings(accounts)) is { } bytes
            ? Results.Bytes(bytes, "image/jpeg")
            : Results.Bytes(AssetEndpoints.Placeholder, "image/svg+xml");
    }
}
