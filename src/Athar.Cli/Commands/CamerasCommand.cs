using System.CommandLine;
using System.Text.Json.Nodes;
using Athar.Cli.Hosting;
using Athar.Forensics.Cameras;

namespace Athar.Cli.Commands;

/// <summary>
/// The archive's cameras as the last camera-timeline run saw them (its summary in the catalog): photos per
/// camera, active period and file numbering. Reads only; `athar analyze` brings it up to date.
/// </summary>
internal static class CamerasCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("cameras", "list the archive's cameras with photo counts and active periods (from the last analyze)");
        command.SetAction(parse =>
        {
            using var archive = ArchiveAccess.Open(context, parse, writable: false);
            var name = new CameraTimelineAnalyzer().Name;
            var run = archive.Catalog.ArchiveRun(name);
            var summary = run is null ? null : JsonNode.Parse(run.Summary) as JsonObject;
            var cameras = new JsonArray();
            foreach (var node in summary?["cameras"] as JsonArray ?? [])
            {
                if (node is not JsonObject camera) continue;
                var copy = (JsonObject)camera.DeepClone();
                copy.Remove("periods"); // per-period detail stays in the summary; the list is one line per camera
                cameras.Add(copy);
            }
            if (context.WantsJson(parse))
            {
                context.WriteJson(new JsonObject
                {
                    ["analyzed"] = run is not null,
                    ["version"] = run?.Version,
                    ["ledgerSeq"] = run?.LedgerSeq,
                    ["items"] = summary?["items"]?.DeepClone(),
                    ["withCamera"] = summary?["withCamera"]?.DeepClone(),
                    ["principal"] = summary?["principal"]?.DeepClone(),
                    ["archivePeriod"] = summary?["archivePeriod"]?.DeepClone(),
                    ["cameras"] = cameras,
                });
                return ExitCodes.Ok;
            }
            if (run is null)
            {
                context.Out.WriteLine("no camera-timeline run yet: run `athar analyze`");
                return ExitCodes.Ok;
            }
            context.Out.WriteLine($"{cameras.Count} camera(s), {summary?["withCamera"]} of {summary?["items"]} items with a camera");
            foreach (var camera in cameras.OfType<JsonObject>())
            {
                var active = camera["active"] is JsonObject a ? $"{a["first"]} .. {a["last"]}" : "no times";
                var numbering = camera["numbering"] is JsonObject n ? $"{n["first"]} .. {n["last"]}" : "";
                var flags = camera["core"]?.GetValue<bool>() == true ? "core" : camera["appearsOnce"]?.GetValue<bool>() == true ? "once" : "";
                context.Out.WriteLine($"{camera["camera"]}  {camera["items"],6}  {flags,-4}  {camera["label"],-40}  {active}  {numbering}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
