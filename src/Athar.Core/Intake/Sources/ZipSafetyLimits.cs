namespace Athar.Core.Intake.Sources;

/// <summary>
/// How far a ZIP may expand before Athar treats it as a decompression bomb. A genuine archive of JPEGs
/// barely compresses (JPEG data is already entropy-coded), so ratios in the hundreds mean crafted input.
/// </summary>
public sealed record ZipSafetyLimits
{
    /// <summary>An entry whose declared size is more than this many times its compressed size is refused...</summary>
    public double MaximumEntryRatio { get; init; } = 200;

    /// <summary>...once it is larger than this; tiny, highly compressible text notes are normal.</summary>
    public long RatioCheckThreshold { get; init; } = 1L << 20;

    /// <summary>All entries together may expand to at most this many bytes...</summary>
    public long MaximumTotalBytes { get; init; } = 64L << 30;

    /// <summary>...and to at most this multiple of the ZIP's own size.</summary>
    public double MaximumTotalRatio { get; init; } = 100;

    public static ZipSafetyLimits Default { get; } = new();
}
