using System.Text.RegularExpressions;
using Athar.Core.Custody;
using Athar.Storage.Ledger;

namespace Athar.Web.Tests.Cases;

/// <summary>Ledger reading and form posting shared by the case tests.</summary>
internal static partial class CaseTestSupport
{
    public static List<CustodyEntry> Entries(string archive)
    {
        using var ledger = CustodyLedger.Open(Path.Combine(archive, "ledger"), writable: false);
        return ledger.ReadAll().Select(e => e.Entry).ToList();
    }

    public static List<CustodyEntry> Entries(string archive, string type, string actor) =>
        Entries(archive).Where(e => e.Type == type && e.Actor == actor).ToList();

    public static string? Text(System.Text.Json.Nodes.JsonObject o, string name) => JsonFields.Text(o, name);

    /// <summary>Posts a form with the antiforgery token taken from the page at <paramref name="formPage"/>.</summary>
    public static async Task<HttpResponseMessage> Post(HttpClient client, string formPage, string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await WebAppFixture.AntiforgeryToken(client, formPage);
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("/families/faces/[^\"]+")]
    public static partial Regex FaceImage();
}
