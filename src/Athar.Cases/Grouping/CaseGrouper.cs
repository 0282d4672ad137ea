using Athar.Cases.Numbers;

namespace Athar.Cases.Grouping;

/// <summary>
/// Groups photos into victim cases (docs/cases.md, "Grouping"). Photos of one body are consecutive on one
/// camera, so each camera's photos are put in shooting order and each boundary between neighbours is judged:
/// <list type="number">
/// <item>Card numbers, where both photos were read with confidence: two or more lines differ → new body;
/// two or more agree and none differs → same body.</item>
/// <item>Otherwise the time gap against the camera's learned threshold (<see cref="GapThreshold"/>): clearly
/// shorter → same body, clearly longer → new body.</item>
/// <item>Otherwise (a gap near the threshold, or no usable time: clock reset, no EXIF time) PDQ similarity
/// of the two photos decides; without hashes, the gap against the threshold, then the file numbers.</item>
/// </list>
/// Photos without a capture time but with a DCF file number in a camera's folder are placed by number
/// afterwards; photos with neither camera nor file number join the case of a near-identical photo (PDQ) or
/// stay unassigned, and so do the photos of a camera on which the reader found no card at all while it found
/// cards on other cameras (foreign photos). The result depends only on the facts, never on their order.
/// </summary>
public sealed class CaseGrouper(GroupingOptions? options = null)
{
    private readonly GroupingOptions _options = options ?? GroupingOptions.Default;

    public GroupingResult Group(IEnumerable<PhotoFacts> photos)
    {
        var all = photos.OrderBy(p => p.ItemId, StringComparer.Ordinal).ToList();
        var unassigned = new List<UnassignedPhoto>();
        var byCamera = new SortedDictionary<string, List<PhotoFacts>>(StringComparer.Ordinal);
        foreach (var photo in all)
            if (photo.Camera is { } camera) Bucket(byCamera, camera).Add(photo);

        // A photo without camera metadata (stripped) but with a DCF name goes to the camera that fills its folder.
        var folderCamera = FolderCameras(byCamera);
        var loose = new List<PhotoFacts>();
        foreach (var photo in all.Where(p => p.Camera is null))
        {
            if (photo.Folder is { } folder && photo.FileNumber is not null && folderCamera.TryGetValue(folder, out var camera))
                byCamera[camera].Add(photo);
            else
                loose.Add(photo);
        }

        var pooled = PooledThreshold(byCamera);
        var thresholds = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var groups = new List<(string Camera, List<PhotoFacts> Photos)>();
        foreach (var (camera, members) in byCamera)
        {
            var ordered = ShootingOrder(members);
            var threshold = GapThreshold.Learn(Gaps(ordered), _options.MinimumGapsToLearn) ?? pooled;
            thresholds[camera] = threshold;
            foreach (var run in new CameraSequence(ordered, threshold, _options).Split()) groups.Add((camera, run));
        }

        Attach(loose, groups, unassigned);
        // A camera that never shot a card, in an archive where the reader does find cards, is not one of the
        // archive's cameras (a foreign photo, a holiday snapshot): its photos are no body's. Where the reader finds
        // nothing anywhere (too small, too blurred), its silence says nothing, and the groups stay cases.
        var readerWorks = all.Exists(p => p.Card is { Found: true });
        foreach (var group in groups.Where(g => readerWorks && g.Photos.TrueForAll(p => p.Card is { Found: false })
            && !byCamera[g.Camera].Exists(p => p.Card is { Found: true })).ToList())
        {
            groups.Remove(group);
            unassigned.AddRange(group.Photos.Select(p => new UnassignedPhoto(p.ItemId, "the card reader found no card in any photo of this camera")));
        }

        var cases = groups
            .Select(g => Propose(g.Camera, g.Photos))
            .OrderBy(c => c.First.Time ?? DateTime.MaxValue).ThenBy(c => c.Case.Camera, StringComparer.Ordinal).ThenBy(c => c.Case.Items[0], StringComparer.Ordinal)
            .Select(c => c.Case).ToList();
        return new GroupingResult(cases, unassigned, thresholds);
    }

    private static List<PhotoFacts> Bucket(SortedDictionary<string, List<PhotoFacts>> byCamera, string camera)
    {
        if (!byCamera.TryGetValue(camera, out var list)) byCamera[camera] = list = [];
        return list;
    }

    private static Dictionary<string, string> FolderCameras(SortedDictionary<string, List<PhotoFacts>> byCamera)
    {
        var counts = new Dictionary<string, SortedDictionary<string, int>>(StringComparer.Ordinal);
        foreach (var (camera, members) in byCamera)
            foreach (var photo in members)
            {
                if (photo.Folder is null) continue;
                if (!counts.TryGetValue(photo.Folder, out var perCamera)) counts[photo.Folder] = perCamera = new(StringComparer.Ordinal);
                perCamera[camera] = perCamera.GetValueOrDefault(camera) + 1;
            }
        // The camera with most photos in the folder; ties go to the first in ordinal order (deterministic).
        return counts.ToDictionary(c => c.Key, c => c.Value.MaxBy(kv => kv.Value).Key, StringComparer.Ordinal);
    }

    /// <summary>
    /// DCF file number first (the camera's own counter survives clock resets); photos without one are slotted
    /// in by time; ties by time, then intake order, then id.
    /// </summary>
    public static List<PhotoFacts> ShootingOrder(IEnumerable<PhotoFacts> members)
    {
        var numbered = members.Where(p => p.FileNumber is not null)
            .OrderBy(p => p.FileNumber).ThenBy(p => p.Time ?? DateTime.MaxValue).ThenBy(p => p.IntakeOrder).ThenBy(p => p.ItemId, StringComparer.Ordinal).ToList();
        var unnumbered = members.Where(p => p.FileNumber is null)
            .OrderBy(p => p.Time ?? DateTime.MaxValue).ThenBy(p => p.IntakeOrder).ThenBy(p => p.ItemId, StringComparer.Ordinal);
        foreach (var photo in unnumbered)
        {
            var at = numbered.Count;
            if (photo.Time is { } time)
            {
                at = 0;
                for (var i = 0; i < numbered.Count; i++)
                    if (numbered[i].Time is { } t && t <= time) at = i + 1;
            }
            numbered.Insert(at, photo);
        }
        return numbered;
    }

    /// <summary>Plausible gaps between consecutive timed photos: positive and shorter than <see cref="GroupingOptions.NeverWithinBody"/>.</summary>
    private List<double> Gaps(List<PhotoFacts> ordered)
    {
        var gaps = new List<double>();
        PhotoFacts? previous = null;
        foreach (var photo in ordered)
        {
            if (photo.Time is null) continue;
            if (previous?.Time is { } before)
            {
                var seconds = (photo.Time.Value - before).TotalSeconds;
                if (seconds > 0 && seconds < _options.NeverWithinBody.TotalSeconds) gaps.Add(seconds);
            }
            previous = photo;
        }
        return gaps;
    }

    private double PooledThreshold(SortedDictionary<string, List<PhotoFacts>> byCamera)
    {
        var gaps = byCamera.Values.SelectMany(m => Gaps(ShootingOrder(m))).ToList();
        return GapThreshold.Learn(gaps, _options.MinimumGapsToLearn) ?? _options.FallbackThreshold.TotalSeconds;
    }

    /// <summary>Photos with neither camera nor file number join the case of their nearest photo by PDQ, if close enough.</summary>
    private void Attach(List<PhotoFacts> loose, List<(string Camera, List<PhotoFacts> Photos)> groups, List<UnassignedPhoto> unassigned)
    {
        foreach (var photo in loose)
        {
            if (photo.Pdq is null)
            {
                unassigned.Add(new UnassignedPhoto(photo.ItemId, "no camera metadata, DCF file name or perceptual hash"));
                continue;
            }
            var best = -1;
            var bestDistance = int.MaxValue;
            for (var g = 0; g < groups.Count; g++)
                foreach (var member in groups[g].Photos)
                    if (photo.PdqDistance(member) is { } d && d < bestDistance) { bestDistance = d; best = g; }
            if (best >= 0 && bestDistance <= _options.PdqAttach) groups[best].Photos.Add(photo);
            else unassigned.Add(new UnassignedPhoto(photo.ItemId, "no camera metadata or DCF file name, and no near-identical photo in a case"));
        }
    }

    private static (ProposedCase Case, PhotoFacts First) Propose(string camera, List<PhotoFacts> photos)
    {
        var best = photos.Where(p => p.Card is { Found: true }).OrderByDescending(p => p.Card!.Confidence).FirstOrDefault() ?? photos[0];
        return (new ProposedCase(camera, photos.Select(p => p.ItemId).ToList(), NumberVote.Vote(photos.Select(p => p.Card)), best.ItemId), photos[0]);
    }
}
