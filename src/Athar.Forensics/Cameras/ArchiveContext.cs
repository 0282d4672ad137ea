using System.Text.Json.Nodes;
using Athar.Core.Analysis;

namespace Athar.Forensics.Cameras;

/// <summary>
/// What the archive as a whole shows about its cameras: its principal camera (the one with most photos in its main period,
/// when it has at least <see cref="CameraTimelineAnalyzer.PrincipalMinimum"/>), its core cameras (those in use
/// during the principal's main period with at least 1% of the photos and at least 3), the archive's period (from the first to the last photo of the core
/// cameras' active periods), and which camera created each DCF folder. A photo from a model no core camera
/// is, taken outside that period or filed in another camera's folder, does not belong to the archive's
/// own photography.
/// </summary>
internal sealed class ArchiveContext
{
    private readonly HashSet<CameraTimeline> _core = [];
    private readonly Dictionary<string, (CameraTimeline Owner, int Items, int Total)> _folderOwners = new(StringComparer.Ordinal);

    public ArchiveContext(IReadOnlyList<CameraTimeline> cameras)
    {
        // By the photos in its main period, not in all: a stray camera whose photos are scattered over years
        // (many small periods) must not become the archive's reference, however many photos it has.
        var principal = cameras.Where(c => c.Main is not null).OrderByDescending(c => c.Main!.Items.Count).FirstOrDefault();
        Principal = principal is { Main.Items.Count: >= CameraTimelineAnalyzer.PrincipalMinimum } ? principal : null;
        principal = Principal;
        if (principal is not null)
        {
            var from = principal.Main!.Start - CameraTimelineAnalyzer.ArchivePeriodMargin;
            var to = principal.Main.End + CameraTimelineAnalyzer.ArchivePeriodMargin;
            var minimum = Math.Max(CameraTimelineAnalyzer.CoreMinimum, (int)Math.Ceiling(cameras.Sum(c => c.Items.Count) * CameraTimelineAnalyzer.CoreShare));
            foreach (var camera in cameras)
                if (camera.Items.Count >= minimum && camera.Main is { } main && main.End >= from && main.Start <= to) _core.Add(camera);
            var active = _core.Select(c => c.Active).OfType<(DateTime First, DateTime Last)>().ToList();
            if (active.Count > 0) Period = (active.Min(a => a.First), active.Max(a => a.Last));
        }
        CoreModels = _core.Select(c => c.Camera.ModelKey).ToHashSet(StringComparer.Ordinal);

        // A DCF folder (100NIKON) is created and filled by one camera; count whose photos each one holds.
        var byFolder = new Dictionary<string, Dictionary<CameraTimeline, int>>(StringComparer.Ordinal);
        foreach (var camera in cameras)
            foreach (var item in camera.Items)
                foreach (var folder in item.Paths.Select(Folder).OfType<string>().Distinct(StringComparer.Ordinal))
                {
                    if (!byFolder.TryGetValue(folder, out var counts)) byFolder[folder] = counts = [];
                    counts[camera] = counts.GetValueOrDefault(camera) + 1;
                }
        foreach (var (folder, counts) in byFolder)
        {
            var total = counts.Values.Sum();
            var (owner, count) = counts.MaxBy(p => p.Value);
            if (count >= CameraTimelineAnalyzer.FolderOwnerMinimum && count * 2 > total) _folderOwners[folder] = (owner, count, total);
        }
    }

    public CameraTimeline? Principal { get; }
    public (DateTime First, DateTime Last)? Period { get; }
    public IReadOnlySet<string> CoreModels { get; }

    public bool IsCore(CameraTimeline camera) => _core.Contains(camera);

    /// <summary>The directory of a path when its last folder is DCF-named (a camera made it); null otherwise.</summary>
    private static string? Folder(string path)
    {
        var slash = path.LastIndexOf('/');
        if (slash <= 0) return null;
        var directory = path[..slash];
        return DcfNumber.IsDcfFolder(directory[(directory.LastIndexOf('/') + 1)..]) ? directory : null;
    }

    /// <summary>
    /// The finding for a photo whose camera model no core camera is: <c>camera.foreign</c> (warning) when it
    /// was also taken more than a month outside the archive's period or sits in a folder another camera
    /// created; <c>camera.unfamiliar</c> (notice) otherwise.
    /// </summary>
    public Finding Outsider(CameraTimeline camera, TimelineItem item)
    {
        var reasons = new List<string>();
        var data = new JsonObject { ["camera"] = camera.Camera.Id, ["items"] = camera.Items.Count, ["principal"] = Principal!.Camera.Id };
        if (Period is { } period)
        {
            data["archivePeriod"] = new JsonObject { ["first"] = CameraTimeline.Iso(period.First), ["last"] = CameraTimeline.Iso(period.Last) };
            if (item.Time is { } time && (time < period.First - CameraTimelineAnalyzer.ArchivePeriodMargin || time > period.Last + CameraTimelineAnalyzer.ArchivePeriodMargin))
            {
                var days = (time < period.First ? period.First - time : time - period.Last).TotalDays;
                data["time"] = CameraTimeline.Iso(time);
                data["daysOutside"] = Math.Round(days, 1);
                reasons.Add($"it was taken {days:0} days {(time < period.First ? "before" : "after")} the archive's cameras were in use ({CameraTimeline.Iso(period.First)} to {CameraTimeline.Iso(period.Last)})");
            }
        }
        foreach (var path in item.Paths)
        {
            if (Folder(path) is not { } folder || !_folderOwners.TryGetValue(folder, out var owner) || owner.Owner == camera) continue;
            data["folder"] = folder;
            data["folderCamera"] = owner.Owner.Camera.Id;
            data["folderCameraItems"] = owner.Items;
            reasons.Add($"it is filed in {folder}, a folder {owner.Owner.Camera.Label} created, among {owner.Items} of that camera's photos; cameras write only to their own folders, so it was put there by hand");
            break;
        }
        var share = $"{camera.Items.Count} of the archive's photos come from {camera.Camera.Label}, a model none of its main cameras is (the main one is {Principal.Camera.Label}, with {Principal.Items.Count})";
        data["reasons"] = new JsonArray([.. reasons.Select(r => (JsonNode)r)]);
        return reasons.Count > 0
            ? new Finding(CameraTimelineAnalyzer.Foreign, Severity.Warning,
                $"{share}, and {string.Join("; and ", reasons)}. The photo most likely does not come from the archive's own photography: ask where it came from.", data)
            : new Finding(CameraTimelineAnalyzer.Unfamiliar, Severity.Notice,
                $"{share}. It was taken during the archive's period and is not filed among another camera's photos, so a second camera in use at the time is the plain explanation.", data);
    }
}
