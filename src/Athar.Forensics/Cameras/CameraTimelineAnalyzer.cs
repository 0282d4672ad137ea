using System.Text.Json.Nodes;
using Athar.Core.Analysis;
using Athar.Forensics.Analysis;

namespace Athar.Forensics.Cameras;

/// <summary>
/// Tells the archive's cameras apart (make, model and serial, or the signature cluster when the serial is
/// missing) and checks each camera's photos in time: capture order against DCF file numbering and shutter
/// count, clock resets and jumps, identical time stamps, periods outside the camera's use. Across cameras it
/// reports cameras that appear once, and photos from a camera model the archive's main cameras do not
/// include that also sit outside the archive's period or in another camera's folder. Reads only
/// <c>exif.summary</c>, the compression-signature finding and the copies' paths. docs/analyzers.md,
/// "camera-timeline", lists every rule and threshold.
/// </summary>
public sealed class CameraTimelineAnalyzer : IArchiveAnalyzer
{
    public const string Identity = CatalogedFindingCodes.CameraIdentity;
    public const string TimeOutOfOrder = "camera.time-out-of-order";
    public const string ClockReset = "camera.clock-reset";
    public const string TimeBackwards = "camera.time-backwards";
    public const string ShutterOutOfOrder = "camera.shutter-out-of-order";
    public const string DuplicateTime = "camera.duplicate-time";
    public const string OutsidePeriod = "camera.outside-period";
    public const string Single = "camera.single";
    public const string Unfamiliar = "camera.unfamiliar";
    public const string Foreign = "camera.foreign";

    /// <summary>
    /// The archive has main cameras only when its principal camera (most photos in its main period) has at
    /// least this many there; below it
    /// (a pile of single photos from many cameras, like the test set of camera originals) no camera is foreign.
    /// </summary>
    public const int PrincipalMinimum = 20;
    /// <summary>
    /// A core camera (one of the archive's own) was in use during the principal camera's main period and took
    /// at least this many photos and at least <see cref="CoreShare"/> of them: a camera with fewer is one the
    /// archive "does not otherwise contain".
    /// </summary>
    public const int CoreMinimum = 3;
    public const double CoreShare = 0.01;
    /// <summary>Slack around the archive's period before a photo counts as taken outside it.</summary>
    public static readonly TimeSpan ArchivePeriodMargin = TimeSpan.FromDays(30);
    /// <summary>A camera owns a DCF folder when it has at least this many of the folder's photos and more than half.</summary>
    public const int FolderOwnerMinimum = 3;

    public string Name => "camera-timeline";
    public int Version => 1;
    public IReadOnlyCollection<string> FactCodes => TimelineItem.FactCodes;
    public string ExtraInputDigest => "";

    public ArchiveAnalysisOutput Analyze(IReadOnlyList<ArchiveItemFacts> items, CancellationToken cancel)
    {
        var timeline = items.Select(TimelineItem.From).OfType<TimelineItem>().ToList();
        var cameras = timeline.GroupBy(i => i.Camera.Id, StringComparer.Ordinal)
            .Select(g => new CameraTimeline(g.First().Camera, [.. g.OrderBy(i => i.ItemId, StringComparer.Ordinal)]))
            .OrderByDescending(c => c.Items.Count).ThenBy(c => c.Camera.Id, StringComparer.Ordinal).ToList();
        cancel.ThrowIfCancellationRequested();

        var findings = new Dictionary<string, List<Finding>>(StringComparer.Ordinal);
        void Add(string itemId, Finding finding)
        {
            if (!findings.TryGetValue(itemId, out var list)) findings[itemId] = list = [];
            list.Add(finding);
        }
        foreach (var item in timeline) Add(item.ItemId, IdentityFinding(item.Camera));
        foreach (var camera in cameras)
            foreach (var (itemId, finding) in camera.Findings) Add(itemId, finding);

        var context = new ArchiveContext(cameras);
        var foreignItems = 0;
        foreach (var camera in cameras)
        {
            if (camera.Items.Count == 1 && cameras.Count >= 2)
            {
                var item = camera.Items[0];
                Add(item.ItemId, new Finding(Single, Severity.Notice,
                    $"This is the only photo in the archive taken by {camera.Camera.Label}. One photo from a camera is common in mixed collections; in an archive shot by a few cameras it asks where the photo came from.",
                    new JsonObject { ["camera"] = camera.Camera.Id, ["cameras"] = cameras.Count }));
            }
            if (context.Principal is null || context.IsCore(camera) || context.CoreModels.Contains(camera.Camera.ModelKey)) continue;
            foreach (var item in camera.Items)
            {
                var finding = context.Outsider(camera, item);
                if (finding.Severity >= Severity.Warning) foreignItems++;
                Add(item.ItemId, finding);
            }
        }

        var summary = Summary(items.Count, timeline.Count, cameras, context, findings, foreignItems);
        return new ArchiveAnalysisOutput(findings.ToDictionary(p => p.Key, p => (IReadOnlyList<Finding>)p.Value, StringComparer.Ordinal), summary);
    }

    private static Finding IdentityFinding(CameraIdentity camera)
    {
        var data = new JsonObject { ["camera"] = camera.Id, ["label"] = camera.Label, ["make"] = camera.Make, ["model"] = camera.Model };
        if (camera.Serial is not null) data["serial"] = camera.Serial;
        if (camera.Signature is not null) data["signature"] = camera.Signature;
        data["basis"] = camera.Basis.ToString().ToLowerInvariant();
        var how = camera.Basis switch
        {
            CameraBasis.Serial => "its make, model and serial number",
            CameraBasis.Signature => "its make and model and the JPEG tables it writes (the file has no serial number, so bodies of one model at one quality setting are not told apart)",
            _ => "its make and model only (no serial number and no JPEG tables)",
        };
        return new Finding(Identity, Severity.Info, $"Taken with {camera.Label}, identified by {how}.", data);
    }

    private static JsonObject Summary(int itemCount, int withCamera, List<CameraTimeline> cameras, ArchiveContext context,
        Dictionary<string, List<Finding>> findings, int foreignItems)
    {
        var list = new JsonArray();
        foreach (var camera in cameras)
        {
            var json = new JsonObject
            {
                ["camera"] = camera.Camera.Id, ["label"] = camera.Camera.Label, ["make"] = camera.Camera.Make, ["model"] = camera.Camera.Model,
                ["basis"] = camera.Camera.Basis.ToString().ToLowerInvariant(), ["items"] = camera.Items.Count,
            };
            if (camera.Camera.Serial is not null) json["serial"] = camera.Camera.Serial;
            if (camera.Active is { } active) json["active"] = new JsonObject { ["first"] = CameraTimeline.Iso(active.First), ["last"] = CameraTimeline.Iso(active.Last) };
            json["periods"] = new JsonArray([.. camera.Periods.Select(p => { var j = p.ToJson(); j["status"] = p.Status.ToString().ToLowerInvariant(); return (JsonNode)j; })]);
            var numbered = camera.Items.Where(i => i.Number is not null).Select(i => i.Number!.Value).OrderBy(n => n.Key).ToList();
            if (numbered.Count > 0) json["numbering"] = new JsonObject { ["first"] = numbered[0].Label, ["last"] = numbered[^1].Label, ["numbered"] = numbered.Count };
            var shutter = camera.Items.Where(i => i.ShutterCount is not null).Select(i => i.ShutterCount!.Value).ToList();
            if (shutter.Count > 0) json["shutterCount"] = new JsonObject { ["first"] = shutter.Min(), ["last"] = shutter.Max() };
            json["core"] = context.IsCore(camera);
            json["appearsOnce"] = camera.Items.Count == 1;
            var counts = new JsonObject();
            foreach (var group in camera.Items.SelectMany(i => findings.TryGetValue(i.ItemId, out var f) ? f : []).Where(f => f.Code != Identity)
                         .GroupBy(f => f.Code, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
                counts[group.Key] = group.Count();
            json["findings"] = counts;
            list.Add(json);
        }
        var summary = new JsonObject
        {
            ["items"] = itemCount,
            ["withCamera"] = withCamera,
            ["cameraCount"] = cameras.Count,
            ["appearOnce"] = cameras.Count(c => c.Items.Count == 1),
            ["foreignItems"] = foreignItems,
            ["principal"] = context.Principal?.Camera.Id,
        };
        if (context.Period is { } period)
            summary["archivePeriod"] = new JsonObject { ["first"] = CameraTimeline.Iso(period.First), ["last"] = CameraTimeline.Iso(period.Last) };
        summary["cameras"] = list;
        return summary;
    }
}
