using System.Text;
using System.Text.Json.Nodes;
using Athar.Core.Custody;
using Athar.Web.Audit;
using Athar.Web.Catalog;
using Athar.Web.Endpoints;
using Athar.Web.Security;
using Microsoft.Net.Http.Headers;

namespace Athar.Web.Cases;

/// <summary>
/// Non-page endpoints of cases and families: a case's card crop (every role), the CSV export (statistics roles,
/// recorded as <c>cases-exported</c>), and a revealed face region (family roles, one-time grant from the reveal page).
/// </summary>
public static class CaseEndpoints
{
    public static void MapAtharCases(this IEndpointRouteBuilder app)
    {
        app.MapGet("/cases/{id}/card", (string id, CaseCatalog cases, WebCatalog catalog, CardCrops crops) =>
        {
            if (cases.Case(id) is not { } c) return Results.NotFound();
            return catalog.Item(c.Case.BestItem) is { } best && crops.For(best) is { } bytes
                ? Results.Bytes(bytes, "image/jpeg")
                : Results.Bytes(AssetEndpoints.Placeholder, "image/svg+xml");
        }).RequireAuthorization(Policies.CardCrop);

        app.MapGet("/cases/export.csv", async (HttpContext http, CaseCatalog cases, LedgerIndex ledger, AuditRecorder audit) =>
        {
            var all = cases.All();
            await audit.RecordAsync(CustodyEventTypes.CasesExported, Viewer.From(http.User).Actor, new JsonObject { ["export"] = "cases.csv" },
                new JsonObject { ["cases"] = all.Count, ["columns"] = CaseCsv.Columns.Count }, http.RequestAborted);
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName("athar-cases.csv");
            http.Response.Headers.ContentDisposition = disposition.ToString();
            return Results.Text(CaseCsv.Write(all, CaseSignIndex.SignsByCase(ledger)), "text/csv; charset=utf-8", Encoding.UTF8);
        }).RequireAuthorization(Policies.Statistics);

        app.MapGet("/families/faces/{caseId}/{photo:int}/{token}", (string caseId, int photo, string token, HttpContext http, CaseCatalog cases,
            WebCatalog catalog, LedgerIndex ledger, RevealGrants grants, FaceCrops faces) =>
        {
            var viewer = Viewer.From(http.User);
            if (cases.Case(caseId) is not { State: "open" } c || photo < 1 || photo > c.Case.Items.Count) return Results.NotFound();
            var item = c.Case.Items[photo - 1];
            if (!grants.Redeem(token, viewer.Name, FaceGrant(c.Id, item))) return Results.Forbid();
            if (CaseAnnotations.FaceRegions(CaseAnnotations.For(ledger, c.Id)).GetValueOrDefault(item) is not { } region || catalog.Item(item) is not { } webItem)
                return Results.NotFound();
            return faces.Reveal(webItem, region) is { } bytes ? Results.Bytes(bytes, "image/jpeg") : Results.Bytes(AssetEndpoints.Placeholder, "image/svg+xml");
        }).RequireAuthorization(Policies.Families);
    }

    /// <summary>
    /// The grant key of a face reveal. It is not an item id, so a face grant can never be redeemed at
    /// <c>/items/{id}/revealed/{token}</c>, which shows the whole photo.
    /// </summary>
    public static string FaceGrant(string caseId, string item) => $"face:{caseId}:{item}";
}
