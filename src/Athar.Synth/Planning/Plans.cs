using Athar.Imaging.Exif;
using Athar.Imaging.Raster;
using Athar.Synth.Cameras;

namespace Athar.Synth.Planning;

/// <summary>One body: its card, its camera and its photos in shooting order.</summary>
internal sealed class CasePlan(int index, Camera camera, string detainee, string branch, string report, int bodies)
{
    public int Index { get; } = index;
    public string Id => $"case-{Index + 1:D5}";
    public Camera Camera { get; } = camera;
    public string Detainee { get; } = detainee;
    public string Branch { get; } = branch;
    public string Report { get; } = report;
    /// <summary>Body-like shapes in the frame (1-3); the first is the one the card belongs to.</summary>
    public int Bodies { get; } = bodies;
    public List<PhotoPlan> Photos { get; } = [];
    public IReadOnlyList<string> CardLines => [Detainee, Branch, Report];
}

/// <summary>One photo as taken: when, by which camera, where its original lands, and what is planted in it.</summary>
internal sealed class PhotoPlan(int index)
{
    /// <summary>Global index: seeds this photo's renderer, so any photo can be rebuilt alone.</summary>
    public int Index { get; } = index;
    public CasePlan? Case { get; set; }
    public int ShotInCase { get; set; }
    public required Camera Camera { get; set; }
    /// <summary>True local time of the shot.</summary>
    public DateTime ShotAt { get; set; }
    /// <summary>What the camera's clock said (EXIF DateTimeOriginal): true time plus clock offset, or a reset clock.</summary>
    public DateTime CameraTime { get; set; }
    public int SubSecond { get; set; }
    public Rational ExposureTime { get; set; }
    public Rational FNumber { get; set; }
    public ushort Iso { get; set; }
    public Rational FocalLength { get; set; }
    public int Drive { get; set; }
    /// <summary>Path of the original relative to the output folder, with forward slashes.</summary>
    public string Path { get; set; } = "";
    public List<AnomalyPlan> Anomalies { get; } = [];
    public bool IsForeign => Anomalies.Exists(a => a.Type == AnomalyType.Foreign);
    public bool IsCorrupt => Anomalies.Exists(a => a.Type == AnomalyType.Corrupt);
    public AnomalyPlan? Find(AnomalyType type) => Anomalies.Find(a => a.Type == type);
}

/// <summary>A planted anomaly with the parameters the renderer applies and the ground truth records.</summary>
internal sealed class AnomalyPlan(AnomalyType type)
{
    public AnomalyType Type { get; } = type;
    /// <summary>Where in the image the change is (clone and splice: the pasted rectangle).</summary>
    public RectI? Region { get; set; }
    /// <summary>Where the pixels came from: clone, the same image; splice, the donor photo's path.</summary>
    public string? Source { get; set; }
    public RectI? SourceRegion { get; set; }
    public string? Detail { get; set; }
    /// <summary>Splice: the photo whose pixels are pasted.</summary>
    public PhotoPlan? Donor { get; set; }
    /// <summary>Variant chosen at planning: clone 0 plain, 1 scaled, 2 turned 180°; corrupt 0 truncated, 1 damaged.</summary>
    public int Variant { get; set; }
    public double Amount { get; set; }
    public int Seed { get; set; }
}

/// <summary>An extra file on a drive: an exact copy, a near-duplicate or a non-image file.</summary>
internal sealed record ExtraFile(string Path, string Kind, PhotoPlan? Original, string? Derivation, int Drive);
