namespace Athar.Imaging.Raster;

/// <summary>How the bytes of one pixel are laid out; the value is the number of channels.</summary>
public enum PixelLayout
{
    /// <summary>One byte per pixel, luminance.</summary>
    Gray8 = 1,
    /// <summary>Three bytes per pixel, R then G then B, interleaved.</summary>
    Rgb24 = 3,
}
