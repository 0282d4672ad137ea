using Athar.Imaging.TurboJpeg;

namespace Athar.Synth.Cameras;

/// <summary>
/// A camera model as its files show it: EXIF make, model and firmware string, the JPEG quality and
/// subsampling its firmware uses (so each model has its own quantisation tables), TIFF byte order,
/// file-name prefix and DCIM folder suffix, and the lens ranges its EXIF reports.
/// </summary>
internal sealed record CameraModel(
    string Make,
    string Model,
    string Software,
    int Quality,
    JpegSubsampling Subsampling,
    bool BigEndian,
    string FilePrefix,
    string FolderSuffix,
    double FNumberMin,
    double FNumberMax,
    double FocalMin,
    double FocalMax,
    float Vignetting)
{
    /// <summary>Compact cameras of the period. Qualities differ per model so that quantisation tables differ.</summary>
    public static IReadOnlyList<CameraModel> Archive { get; } =
    [
        new("NIKON", "COOLPIX P50", "COOLPIX P50V1.0", 93, JpegSubsampling.Yuv422, true, "DSCN", "NIKON", 2.8, 7.8, 4.7, 17.9, 0.22f),
        new("FUJIFILM", "FinePix S2950", "Digital Camera FinePix S2950 Ver1.00", 90, JpegSubsampling.Yuv422, false, "DSCF", "_FUJI", 3.1, 5.6, 5.0, 90.0, 0.28f),
        new("Canon", "Canon PowerShot A800", "", 95, JpegSubsampling.Yuv422, false, "IMG_", "CANON", 3.0, 5.8, 6.6, 22.0, 0.25f),
        new("SONY", "DSC-W530", "DSC-W530 v1.00", 91, JpegSubsampling.Yuv420, false, "DSC0", "MSDCF", 2.7, 5.7, 4.7, 18.9, 0.18f),
    ];

    /// <summary>Cameras that never belonged to the archive: the source of "foreign" photos.</summary>
    public static IReadOnlyList<CameraModel> Foreign { get; } =
    [
        new("Canon", "Canon EOS 400D DIGITAL", "", 97, JpegSubsampling.Yuv422, false, "IMG_", "CANON", 4.0, 11.0, 18.0, 55.0, 0.12f),
        new("SAMSUNG", "GT-S5830", "S5830XXKPH", 86, JpegSubsampling.Yuv420, false, "SAM_", "PHOTO", 2.6, 2.6, 3.5, 3.5, 0.3f),
    ];
}
