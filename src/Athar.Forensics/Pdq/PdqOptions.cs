namespace Athar.Forensics.Pdq;

/// <summary>How <see cref="PdqJpeg"/> decodes and hashes a JPEG.</summary>
public sealed record PdqOptions
{
    /// <summary>The default: DCT-scaled decoding down to 1024 px on the smaller side, reference resampling, no dihedral variants.</summary>
    public static PdqOptions Default { get; } = new();

    /// <summary>Full-size decoding and the reference's resampling: the reference hasher's pipeline step for step.</summary>
    public static PdqOptions Reference { get; } = new() { MinimumDecodedSide = 0 };

    /// <summary>
    /// Decode at the smallest libjpeg-turbo scale (1/8, 1/4, 1/2, 1) that keeps the smaller side at least
    /// this many pixels; 0 decodes at full size. The default, 1024, keeps at least two decoded pixels per
    /// sample of the reference's 512x512 grid: on the 82 camera originals of quality ≥ 80 it stays within 4
    /// bits of the reference (512: 10 bits, at the bar; 256: 28), for about 10% less CPU than a full decode.
    /// See docs/pdq.md.
    /// </summary>
    public int MinimumDecodedSide { get; init; } = 1024;

    /// <summary>
    /// Resample an image larger than 512 on a side to 512x512 by nearest neighbour before filtering, as the
    /// reference hasher does (see <see cref="PdqHasher.ReferenceResampleSide"/>).
    /// </summary>
    public bool ReferenceResample { get; init; } = true;

    /// <summary>Also compute the eight rotation and flip variants.</summary>
    public bool Dihedral { get; init; }

    /// <summary>
    /// When above 0, also make a luma thumbnail of this many cells on a side from the same decoded pixels
    /// (<see cref="PdqThumbnail.Make"/>), for finding crops; see <see cref="PdqResult.Thumbnail"/>.
    /// </summary>
    public int ThumbnailSide { get; init; }
}
