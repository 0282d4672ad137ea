namespace Athar.Forensics.Pdq;

/// <summary>
/// The eight rotations and flips of an image (the dihedral group of the square), in the reference's order
/// (pdq-photo-hasher --pdqdih). Rotations are counter-clockwise, as the reference's <c>dct16OriginalToRotate90</c>
/// describes: the hash of the image rotated by 90° equals the <see cref="Rotate90"/> variant of the original.
/// </summary>
public enum PdqTransform
{
    Original = 0,
    Rotate90 = 1,
    Rotate180 = 2,
    Rotate270 = 3,
    /// <summary>Mirror top to bottom (rows reversed).</summary>
    FlipX = 4,
    /// <summary>Mirror left to right (columns reversed).</summary>
    FlipY = 5,
    /// <summary>Transpose about the main diagonal.</summary>
    FlipPlus1 = 6,
    /// <summary>Transpose about the anti-diagonal.</summary>
    FlipMinus1 = 7,
}
