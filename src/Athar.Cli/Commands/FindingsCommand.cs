using System.CommandLine;
using System.Text.Json.Nodes;
using Athar.Cli.Hosting;
using Athar.Core.Analysis;

namespace Athar.Cli.Commands;

internal static class FindingsCommand
{
    public static Command Create(CliContext context)
    {
        var code = new Option<string?>("--code") { Description = "only this finding code, e.g. jpeg.truncated" };
        var severity = new Option<string?>("--severity") { Description = "only this severity and above: info, notice, warning, alert" };
        var command = new Command("findings", "list analysis findings") { code, severity };
        command.SetAction(parse =>
        {
            int? minimum = null;
            if (parse.GetValue(severity) is { } text)
            {
                if (!SeverityNames.TryParse(text, out var parsed)) throw new CliException($"--severity: '{text}' is not info, notice, warning or alert", ExitCodes.Usage);
                minimum = (int)parsed;
            }
            using var archive = ArchiveAccess.Open(context, parse, writable: false);
            var rows = archive.Catalog.Findings(parse.GetValue(code), minimum);
            if (context.WantsJson(parse))
            {
                context.WriteJson(rows.Select(f => new
                {
                    item = f.ItemId,
                    code = f.Code,
                    severity = ((Severity)f.Severity).ToText(),
                    analyzer = f.Analyzer,
                    version = f.Version,
                    explanation = f.Explanation,
                    data = JsonNode.Parse(f.Data),
                }).ToList());
                return ExitCodes.Ok;
            }
            foreach (var f in rows)
                context.Out.WriteLine($"{f.ItemId[..12]}  {((Severity)f.Severity).ToText(),-7}  {f.Code,-28}  {f.Explanation}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
