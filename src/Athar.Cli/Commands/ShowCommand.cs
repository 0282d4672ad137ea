using Athar.Core.Analysis;
using System.CommandLine;
using System.Text.Json.Nodes;
using Athar.Cli.Hosting;
using Athar.Forensics.Analyzers;
using Athar.Forensics.Duplicates;
using Athar.Storage.Catalog;

namespace Athar.Cli.Commands;

internal static class ShowCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "full SHA-256 or a unique prefix of 8+ hex digits" };
        var command = new Command("show", "one item in full: identity, storage and every copy with its provenance") { id };
        command.SetAction(parse =>
        {
            using var archive = ArchiveAccess.Open(context, parse, writable: false);
            var itemId = ItemResolver.Resolve(archive.Catalog, parse.GetValue(id)!);
            var item = archive.Catalog.Item(itemId)!;
            var copies = archive.Catalog.CopiesOf(itemId);
            var analyses = archive.Catalog.AnalysesOf(itemId);
            var findings = archive.Catalog.Findings(itemId: itemId).ToList();
            var groupId = archive.Catalog.NearDuplicateGroupOf(itemId);
            var nearDuplicates = groupId is null ? [] : archive.Catalog.NearDuplicateGroupMembers(groupId);
            var distances = DistancesFrom(archive.Catalog, itemId, nearDuplicates);
            var assessment = ItemAssessment.Describe([.. analyses.Select(a => (a.Analyzer, a.Version))], [.. findings.Select(f => (f.Code, (Severity)f.Severity))]);
            if (context.WantsJson(parse))
            {
                context.WriteJson(new
                {
                    id = item.Id,
                    size = item.Size,
                    mediaType = item.MediaType,
                    storedName = item.StoredName,
                    objectPath = "objects/" + item.ObjectPath,
                    copies = copies.Select(c => new
                    {
                        source = c.Source, path = c.Path, origin = c.Origin, size = c.Size, modified = c.Modified, changed = c.Changed,
                        accessed = c.Accessed, born = c.Born, custodian = c.Custodian, received = c.Received, note = c.Note,
                        ingestedAt = c.IngestedAt, toolVersion = c.ToolVersion, ledgerSeq = c.LedgerSeq,
                    }),
                    analyses = analyses.Select(a => new { analyzer = a.Analyzer, version = a.Version, resultDigest = a.ResultDigest, ledgerSeq = a.LedgerSeq }),
                    findings = findings.Select(f => new
                    {
                        code = f.Code, severity = ((Severity)f.Severity).ToText(), analyzer = f.Analyzer, version = f.Version,
                        explanation = f.Explanation, data = System.Text.Json.Nodes.JsonNode.Parse(f.Data),
                    }),
                    nearDuplicateGroup = groupId,
                    nearDuplicates = nearDuplicates.Where(n => n.ItemId != itemId)
                        .Select(n => new { item = n.ItemId, distance = distances.GetValueOrDefault(n.ItemId), distanceToRepresentative = n.Distance, representative = n.ItemId == n.Representative }),
                    assessment,
                });
                return ExitCodes.Ok;
            }
            var o = context.Out;
            o.WriteLine($"item      {item.Id}");
            o.WriteLine($"size      {item.Size} bytes");
            o.WriteLine($"type      {item.MediaType}");
            o.WriteLine($"stored    objects/{item.ObjectPath}/v1/content/{item.StoredName}");
            o.WriteLine($"copies    {copies.Count}");
            foreach (var c in copies)
            {
                o.WriteLine();
                o.WriteLine($"  {c.Source}: {c.Path}");
                if (c.Custodian is not null) o.WriteLine($"    custodian  {c.Custodian}");
                if (c.Received is not null) o.WriteLine($"    received   {c.Received}");
                o.WriteLine($"    modified   {c.Modified ?? "-"}");
                o.WriteLine($"    changed    {c.Changed ?? "-"}");
                o.WriteLine($"    accessed   {c.Accessed ?? "-"}");
                if (c.Born is not null) o.WriteLine($"    born       {c.Born}");
                o.WriteLine($"    ingested   {c.IngestedAt} by {c.ToolVersion} (ledger entry {c.LedgerSeq})");
            }
            if (groupId is not null)
            {
                o.WriteLine();
                o.WriteLine($"near-duplicates  group {groupId}, {nearDuplicates.Count} items (PDQ distance to this item, of 256)");
                foreach (var n in nearDuplicates)
                {
                    if (n.ItemId == itemId) continue;
                    var distance = distances.TryGetValue(n.ItemId, out var d) && d is { } known ? known.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?";
                    o.WriteLine($"  {n.ItemId[..12]}  distance {distance,3}{(n.ItemId == n.Representative ? "  (representative)" : "")}");
                }
            }
            o.WriteLine();
            foreach (var f in findings)
                o.WriteLine($"  {((Severity)f.Severity).ToText(),-7} {f.Code}: {f.Explanation}");
            o.WriteLine($"assessment  {assessment}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// PDQ distance (over the dihedral variants) from the item to each other member of its group, from their recorded
    /// pdq.hash facts; null where a member has none. Groups are small, so one findings query per member is fine.
    /// </summary>
    private static Dictionary<string, int?> DistancesFrom(ArchiveCatalog catalog, string itemId, IReadOnlyList<NearDuplicateRow> members)
    {
        var result = new Dictionary<string, int?>(StringComparer.Ordinal);
        if (members.Count == 0) return result;
        var self = Candidate(catalog, itemId);
        foreach (var member in members)
        {
            if (member.ItemId == itemId) continue;
            var other = Candidate(catalog, member.ItemId);
            result[member.ItemId] = self is null || other is null ? null : NearDuplicateClustering.Distance(self, other).Distance;
        }
        return result;
    }

    private static NearDuplicateCandidate? Candidate(ArchiveCatalog catalog, string itemId) =>
        catalog.Findings(code: PerceptualHashAnalyzer.HashCode, itemId: itemId).FirstOrDefault() is { } f
            ? NearDuplicateAnalyzer.Candidate(itemId, JsonNode.Parse(f.Data) as JsonObject, null)
            : null;
}
