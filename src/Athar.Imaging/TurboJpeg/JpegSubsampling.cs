namespace Athar.Imaging.TurboJpeg;

/// <summary>Chrominance subsampling, numbered as TurboJPEG's TJSAMP enum.</summary>
public enum JpegSubsampling
{
    /// <summary>4:4:4, no chroma subsampling.</summary>
    Yuv444 = 0,
    /// <summary>4:2:2, chroma halved horizontally (common in cameras).</summary>
    Yuv422 = 1,
    /// <summary>4:2:0, chroma halved in both directions.</summary>
    Yuv420 = 2,
    /// <summary>Greyscale: one component.</summary>
    Gray = 3,
    /// <summary>4:4:0, chroma halved vertically.</summary>
    Yuv440 = 4,
    /// <summary>4:1:1, chroma quartered horizontally.</summary>
    Yuv411 = 5,
    /// <summary>A layout TurboJPEG could not classify (TJSAMP_UNKNOWN, or a value added later).</summary>
    Unknown = -1,
}
