namespace Athar.Synth;

/// <summary>
/// What to generate. The same options give a byte-identical archive. Defaults match `athar synth`.
/// </summary>
public sealed record SynthOptions
{
    /// <summary>Folder to write into; created if missing. Existing drive-* folders in it are replaced.</summary>
    public required string OutputDirectory { get; init; }
    /// <summary>Photos taken (originals, foreign ones included); copies and near-duplicates come on top.</summary>
    public int Photos { get; init; } = 300;
    /// <summary>Cameras of the archive's photographers, shooting in parallel.</summary>
    public int Cameras { get; init; } = 3;
    public int Drives { get; init; } = 3;
    public int Width { get; init; } = 2048;
    public int Height { get; init; } = 1536;
    /// <summary>Share of photos that carry a planted anomaly, 0..1.</summary>
    public double AnomalyRate { get; init; } = 0.02;
    public IReadOnlyList<AnomalyType> AnomalyTypes { get; init; } = Synth.AnomalyTypes.All;
    public long Seed { get; init; } = 1;
    public int BodiesPerDay { get; init; } = 50;
    /// <summary>The first day of the shoot (local time of the cameras).</summary>
    public DateTime Start { get; init; } = new(2011, 5, 15);
    /// <summary>Share of originals that also appear, as exact copies, on a second drive.</summary>
    public double CopyRate { get; init; } = 0.35;
    /// <summary>Share of originals that get a near-duplicate (resized, recompressed or cropped).</summary>
    public double NearDuplicateRate { get; init; } = 0.06;
    /// <summary>Degree of parallelism for rendering; 0 means one per processor.</summary>
    public int Parallelism { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(OutputDirectory)) throw new ArgumentException("an output folder is required");
        if (Photos is < 1 or > 1_000_000) throw new ArgumentException($"photos must be 1..1000000, not {Photos}");
        if (Cameras is < 1 or > 64) throw new ArgumentException($"cameras must be 1..64, not {Cameras}");
        if (Drives is < 1 or > 99) throw new ArgumentException($"drives must be 1..99, not {Drives}");
        if (Width is < 64 or > 8192 || Height is < 48 or > 8192) throw new ArgumentException($"resolution must be 64x48 .. 8192x8192, not {Width}x{Height}");
        if (AnomalyRate is < 0 or > 1 || double.IsNaN(AnomalyRate)) throw new ArgumentException($"anomaly rate must be 0..1, not {AnomalyRate}");
        if (AnomalyRate > 0 && AnomalyTypes.Count == 0) throw new ArgumentException("no anomaly types chosen");
        if (BodiesPerDay < 1) throw new ArgumentException($"bodies per day must be at least 1, not {BodiesPerDay}");
        if (CopyRate is < 0 or > 1 || NearDuplicateRate is < 0 or > 1) throw new ArgumentException("copy and near-duplicate rates must be 0..1");
    }
}
