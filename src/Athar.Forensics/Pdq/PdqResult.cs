namespace Athar.Forensics.Pdq;

/// <summary>
/// A PDQ hash with its quality: 0..100, how much significant gradient the 64x64 downsample holds
/// (the reference's <c>pdqImageDomainQualityMetric</c>). The PDQ documentation treats hashes of quality
/// below 50 as unreliable (flat or nearly blank images) and uses 80 as the bar when comparing implementations.
/// </summary>
/// <param name="Hash">The hash of the image as decoded (EXIF orientation ignored, as the reference does).</param>
/// <param name="Quality">0..100.</param>
public sealed record PdqResult(PdqHash Hash, int Quality)
{
    /// <summary>
    /// The eight dihedral variants in <see cref="PdqTransform"/> order (index 0 is <see cref="Hash"/>), or
    /// empty when they were not asked for.
    /// </summary>
    public IReadOnlyList<PdqHash> Dihedral { get; init; } = [];

    /// <summary>The stored image's width and height in pixels (the JPEG frame, before any DCT scaling); 0 when hashing pixels directly.</summary>
    public int Width { get; init; }

    /// <inheritdoc cref="Width"/>
    public int Height { get; init; }

    /// <summary>The luma thumbnail asked for with <see cref="PdqOptions.ThumbnailSide"/>, row-major; null when not asked for or the image is smaller.</summary>
    public byte[]? Thumbnail { get; init; }

    /// <summary>The decoder's warning when the JPEG decoded with one (for example a truncated file), else null.</summary>
    public string? Warning { get; init; }

    /// <summary>The <paramref name="transform"/> variant. Requires that the dihedral hashes were computed.</summary>
    public PdqHash Variant(PdqTransform transform)
    {
        if (Dihedral.Count != 8) throw new InvalidOperationException("dihedral hashes were not computed for this result");
        return Dihedral[(int)transform];
    }
}
