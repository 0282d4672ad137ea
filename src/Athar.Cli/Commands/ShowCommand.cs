using Athar.Core.Analysis;
using System.CommandLine;
using Athar.Cli.Hosting;

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
            var assessment = Assessment.Describe(analyses.Select(a => (a.Analyzer, a.Version)).ToList(), findings);
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
            o.WriteLine();
            foreach (var f in findings)
                o.WriteLine($"  {((Severity)f.Severity).ToText(),-7} {f.Code}: {f.Explanation}");
            o.WriteLine($"assessment  {assessment}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
