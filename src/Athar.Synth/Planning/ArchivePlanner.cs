using Athar.Imaging.Exif;
using Athar.Imaging.Raster;
using Athar.Synth.Cameras;

namespace Athar.Synth.Planning;

/// <summary>
/// Decides everything before any pixel is drawn, in one sequential pass over a seeded random stream:
/// cameras, bodies and their cards, the shooting timeline, file names, planted anomalies, drives, copies
/// and near-duplicates. Rendering then only executes the plan, in any order.
/// </summary>
internal sealed class ArchivePlanner(SynthOptions options)
{
    /// <summary>Three-digit branch numbers as written on the cards (a small, fixed set).</summary>
    public static readonly string[] Branches = ["215", "216", "227", "235", "248", "251", "291"];

    private readonly SynthRandom _random = SynthRandom.For(options.Seed, "plan", 0);
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);

    public List<Camera> Cameras { get; } = [];
    public List<Camera> ForeignCameras { get; } = [];
    public List<CasePlan> Cases { get; } = [];
    public List<PhotoPlan> Photos { get; } = [];
    public List<ExtraFile> Extras { get; } = [];

    public void Plan()
    {
        PlanCameras();
        PlanCasesAndTimeline();
        PlanAnomalies();
        PlanNames();
        PlanExtras();
    }

    private void PlanCameras()
    {
        for (var i = 0; i < options.Cameras; i++)
        {
            var model = CameraModel.Archive[i % CameraModel.Archive.Count];
            Cameras.Add(new Camera($"cam-{i + 1:D2}", model, Serial(model), _random.Between(-900, 900), false, options.Seed, i));
        }
        for (var i = 0; i < CameraModel.Foreign.Count; i++)
        {
            var model = CameraModel.Foreign[i];
            ForeignCameras.Add(new Camera($"foreign-{i + 1:D2}", model, Serial(model), 0, true, options.Seed, 1000 + i));
        }
    }

    private string Serial(CameraModel model) => model.Make switch
    {
        "NIKON" => $"3{_random.Between(0, 9_999_999):D7}",
        "FUJIFILM" => $"{_random.Between(0x10000000, 0x7FFFFFFF):X8}",
        "Canon" => $"{_random.Between(100_000_000, 999_999_999)}{_random.Between(0, 999):D3}",
        _ => $"{_random.Between(1_000_000, 9_999_999)}",
    };

    private void PlanCasesAndTimeline()
    {
        var remaining = options.Photos;
        var day = options.Start.Date;
        var dayOfCase = -1;
        var cursors = new DateTime[Cameras.Count];
        while (remaining > 0)
        {
            var index = Cases.Count;
            var slot = index % options.BodiesPerDay;
            if (slot == 0)
            {
                if (dayOfCase >= 0) day = day.AddDays(1 + (_random.Chance(0.3) ? _random.Between(1, 3) : 0));
                dayOfCase++;
                for (var c = 0; c < cursors.Length; c++) cursors[c] = day.AddHours(8).AddMinutes(_random.Between(0, 25));
            }
            var camera = Cameras[slot % Cameras.Count];
            var count = Math.Min(remaining, PhotoCount());
            remaining -= count;
            var detainee = Number(_random.Between(3, 5));
            var report = Number(_random.Between(3, 5));
            var bodies = _random.Chance(0.55) ? 1 : _random.Chance(0.6) ? 2 : 3;
            var plan = new CasePlan(index, camera, detainee, _random.Pick(Branches), report, bodies);
            Cases.Add(plan);

            var sessionStart = cursors[camera.Index];
            var time = sessionStart.AddSeconds(_random.Between(40, 240));
            for (var shot = 0; shot < count; shot++)
            {
                if (shot > 0) time = time.AddSeconds(_random.Chance(0.8) ? _random.Between(4, 60) : _random.Between(60, 240));
                var photo = new PhotoPlan(Photos.Count) { Camera = camera, Case = plan, ShotInCase = shot, ShotAt = time };
                photo.CameraTime = time.AddSeconds(camera.ClockOffsetSeconds);
                photo.SubSecond = _random.Between(0, 99);
                SetExposure(photo);
                plan.Photos.Add(photo);
                Photos.Add(photo);
            }
            var session = TimeSpan.FromMinutes(_random.Between(15, 30));
            cursors[camera.Index] = Max(sessionStart + session, time.AddMinutes(1)).AddMinutes(_random.Between(0, 6));
        }
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    /// <summary>Photos of one body: 3 to 20, usually 4 or 5.</summary>
    private int PhotoCount()
    {
        var roll = _random.NextDouble();
        if (roll < 0.65) return _random.Between(4, 5);
        if (roll < 0.75) return 3;
        if (roll < 0.93) return _random.Between(6, 9);
        return _random.Between(10, 20);
    }

    private string Number(int digits) => _random.Between(digits == 1 ? 0 : (int)Math.Pow(10, digits - 1), (int)Math.Pow(10, digits) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private void SetExposure(PhotoPlan photo)
    {
        var model = photo.Camera.Model;
        ReadOnlySpan<uint> shutter = [15, 20, 25, 30, 40, 50, 60, 80, 100, 125];
        photo.ExposureTime = new Rational(1, shutter[_random.Next(shutter.Length)]);
        photo.FNumber = new Rational((uint)Math.Round(_random.Range(model.FNumberMin, model.FNumberMax) * 10), 10);
        photo.Iso = (ushort)(_random.Chance(0.6) ? 100 : _random.Chance(0.5) ? 200 : 400);
        photo.FocalLength = new Rational((uint)Math.Round(_random.Range(model.FocalMin, Math.Min(model.FocalMax, model.FocalMin * 2.5)) * 10), 10);
    }

    private void PlanAnomalies()
    {
        if (options.AnomalyRate <= 0 || options.AnomalyTypes.Count == 0) return;
        var w = options.Width;
        var h = options.Height;
        foreach (var photo in Photos)
        {
            if (!_random.Chance(options.AnomalyRate)) continue;
            var type = _random.Pick(options.AnomalyTypes);
            if (type == AnomalyType.Splice && !Photos.Exists(p => p.Camera != photo.Camera)) type = AnomalyType.Clone;
            if (photo.Anomalies.Count > 0 && type is AnomalyType.Clock or AnomalyType.Foreign) continue; // already inside a clock-reset run
            if (photo.Anomalies.Count > 0 && photo.Find(AnomalyType.Clock) is null) continue;
            var anomaly = new AnomalyPlan(type) { Seed = _random.Next(int.MaxValue) };
            switch (type)
            {
                case AnomalyType.Clone:
                {
                    anomaly.Variant = _random.Next(3);
                    var size = new RectI(0, 0, (int)(w * _random.Range(0.08, 0.16)), (int)(h * _random.Range(0.08, 0.16)));
                    var source = Place(size, w, h, null);
                    anomaly.Amount = anomaly.Variant == 1 ? _random.Range(0.8, 1.25) : 1.0;
                    var scaled = new RectI(0, 0, Math.Max(4, (int)(size.Width * anomaly.Amount)), Math.Max(4, (int)(size.Height * anomaly.Amount)));
                    anomaly.SourceRegion = source;
                    anomaly.Region = Place(scaled, w, h, source);
                    anomaly.Detail = anomaly.Variant switch { 1 => $"scaled {anomaly.Amount:0.00}", 2 => "turned 180 degrees", _ => "copied as is" };
                    break;
                }
                case AnomalyType.Splice:
                {
                    var candidates = Photos.Where(p => p.Camera != photo.Camera).ToList();
                    anomaly.Donor = _random.Pick(candidates);
                    var size = new RectI(0, 0, (int)(w * _random.Range(0.12, 0.25)), (int)(h * _random.Range(0.12, 0.25)));
                    anomaly.SourceRegion = Place(size, w, h, null);
                    anomaly.Region = Place(size, w, h, null);
                    anomaly.Detail = $"pasted from a photo by {anomaly.Donor.Camera.Id}";
                    break;
                }
                case AnomalyType.Resaved:
                    anomaly.Amount = _random.Range(0.03, 0.06);
                    anomaly.Variant = _random.Between(82, 92); // editor's JPEG quality
                    anomaly.Source = "Adobe Photoshop CS6 (Windows)";
                    anomaly.Detail = $"cropped {anomaly.Amount:P0} per side, levels adjusted, re-saved at quality {anomaly.Variant} 4:4:4 by {anomaly.Source}";
                    break;
                case AnomalyType.Foreign:
                {
                    var camera = _random.Pick(ForeignCameras);
                    photo.Case?.Photos.Remove(photo);
                    photo.Case = null;
                    photo.Camera = camera;
                    photo.ShotAt = options.Start.AddDays(-_random.Between(90, 900)).AddHours(_random.Between(7, 18)).AddSeconds(_random.Between(0, 3599));
                    photo.CameraTime = photo.ShotAt;
                    SetExposure(photo);
                    anomaly.Detail = $"{camera.Model.Make} {camera.Model.Model}, not an archive camera; dated before the archive's period; no card";
                    break;
                }
                case AnomalyType.Stripped:
                    anomaly.Detail = "all APPn and COM segments removed; a bare JFIF APP0 written";
                    break;
                case AnomalyType.Corrupt:
                    anomaly.Variant = _random.Next(2);
                    anomaly.Amount = anomaly.Variant == 0 ? _random.Range(0.3, 0.9) : _random.Range(0.3, 0.8);
                    anomaly.Detail = anomaly.Variant == 0 ? $"truncated to {anomaly.Amount:P0} of its bytes" : $"scan data overwritten with random bytes from {anomaly.Amount:P0} of the file";
                    break;
                case AnomalyType.Clock:
                    PlanClockReset(photo);
                    continue;
            }
            photo.Anomalies.Add(anomaly);
        }
    }

    /// <summary>
    /// The camera's clock goes back to 2000-01-01 00:00:00 at this photo and keeps counting from there
    /// until the photographer notices (after 8-40 photos) or the day's work ends, whichever comes first.
    /// </summary>
    private void PlanClockReset(PhotoPlan first)
    {
        var reset = new DateTime(2000, 1, 1, 0, 0, 0);
        var limit = _random.Between(8, 40);
        var affected = 0;
        foreach (var photo in Photos)
        {
            if (affected >= limit) break;
            if (photo.Camera != first.Camera || photo.ShotAt < first.ShotAt || photo.ShotAt.Date != first.ShotAt.Date) continue;
            if (photo.Find(AnomalyType.Clock) is not null) continue;
            photo.CameraTime = reset + (photo.ShotAt - first.ShotAt);
            photo.Anomalies.Add(new AnomalyPlan(AnomalyType.Clock)
            {
                Detail = $"camera clock reset to 2000-01-01T00:00:00 at true time {first.ShotAt:yyyy-MM-ddTHH:mm:ss}",
            });
            affected++;
        }
    }

    private RectI Place(RectI size, int w, int h, RectI? avoid)
    {
        var rect = size;
        for (var attempt = 0; attempt < 40; attempt++)
        {
            rect = size with { X = _random.Between(0, Math.Max(0, w - size.Width - 1)), Y = _random.Between(0, Math.Max(0, h - size.Height - 1)) };
            if (avoid is not { } a || !rect.Intersects(a)) return rect;
        }
        return rect;
    }

    private void PlanNames()
    {
        var namings = Cameras.ToDictionary(c => c, c => new FileNaming(c.Model, 100, _random.Chance(0.35) ? _random.Between(9900, 9990) : _random.Between(1, 8000)));
        foreach (var c in ForeignCameras) namings[c] = new FileNaming(c.Model, 100, _random.Between(1, 9000));
        var caseCount = Math.Max(1, Cases.Count);
        string? lastDirectory = null;
        var lastDrive = 0;
        foreach (var photo in Photos)
        {
            var (folder, file) = namings[photo.Camera].Next();
            if (photo.IsForeign)
            {
                // Slipped in among the archive's files, next to the photo taken before it.
                photo.Drive = lastDrive;
                photo.Path = Unique($"{lastDirectory ?? $"drive-{lastDrive + 1:D2}/sd-1/DCIM/100{Cameras[0].Model.FolderSuffix}"}/{file}");
                continue;
            }
            photo.Drive = Math.Min(options.Drives - 1, photo.Case!.Index * options.Drives / caseCount);
            lastDirectory = $"drive-{photo.Drive + 1:D2}/sd-{photo.Camera.Index + 1}/DCIM/{folder}";
            lastDrive = photo.Drive;
            photo.Path = Unique($"{lastDirectory}/{file}");
        }
        foreach (var photo in Photos)
            foreach (var anomaly in photo.Anomalies)
                if (anomaly.Donor is { } donor) anomaly.Source = donor.Path;
    }

    private void PlanExtras()
    {
        foreach (var photo in Photos)
        {
            if (_random.Chance(options.CopyRate))
            {
                var drive = options.Drives == 1 ? 0 : (photo.Drive + _random.Between(1, options.Drives - 1)) % options.Drives;
                var name = photo.Path[(photo.Path.LastIndexOf('/') + 1)..];
                var stem = name[..name.LastIndexOf('.')];
                var renamed = _random.Chance(0.3);
                var path = renamed
                    ? $"drive-{drive + 1:D2}/sorted/{photo.ShotAt:yyyy-MM-dd}/{(_random.Next(3) switch { 0 => $"Copy of {name}", 1 => $"{stem} (2).JPG", _ => name.ToLowerInvariant() })}"
                    : drive == photo.Drive ? $"drive-{drive + 1:D2}/backup/{photo.Path[(photo.Path.IndexOf('/') + 1)..]}" : $"drive-{drive + 1:D2}/{photo.Path[(photo.Path.IndexOf('/') + 1)..]}";
                Extras.Add(new ExtraFile(Unique(path), "copy", photo, renamed ? "renamed" : null, drive));
            }
            if (!photo.IsCorrupt && _random.Chance(options.NearDuplicateRate))
            {
                var drive = _random.Next(options.Drives);
                var name = photo.Path[(photo.Path.LastIndexOf('/') + 1)..];
                var stem = name[..name.LastIndexOf('.')];
                var kind = _random.Pick(["resized", "recompressed", "cropped"]);
                Extras.Add(new ExtraFile(Unique($"drive-{drive + 1:D2}/export/{stem}_{kind}.jpg"), "derived", photo, kind, drive));
            }
        }
        for (var d = 0; d < options.Drives; d++)
        {
            Extras.Add(new ExtraFile(Unique($"drive-{d + 1:D2}/notes.txt"), "other", null, "note", d));
            var prefix = $"drive-{d + 1:D2}/";
            var folders = Photos.Where(p => p.Drive == d && !p.IsForeign).Select(p => p.Path[..p.Path.LastIndexOf('/')]).Distinct().ToList();
            foreach (var folder in folders)
                if (_random.Chance(0.6) && folder.StartsWith(prefix, StringComparison.Ordinal))
                    Extras.Add(new ExtraFile(Unique($"{folder}/Thumbs.db"), "other", null, "thumbs.db", d));
        }
    }

    private string Unique(string path)
    {
        if (_paths.Add(path)) return path;
        var dot = path.LastIndexOf('.');
        for (var n = 2; ; n++)
        {
            var candidate = $"{path[..dot]} ({n}){path[dot..]}";
            if (_paths.Add(candidate)) return candidate;
        }
    }
}
