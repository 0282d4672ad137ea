namespace Athar.Imaging.Jpeg.Structure;

/// <summary>
/// The IJG (libjpeg) quality whose scaled standard tables come closest to the file's tables.
/// <see cref="IsExact"/> is true when the compared tables equal the IJG tables at <see cref="Quality"/> exactly;
/// <see cref="MeanAbsoluteDifference"/> is the mean |file - IJG| over the compared entries (0 when exact).
/// <see cref="TablesCompared"/> is 1 (luminance only, e.g. greyscale) or 2 (luminance and chrominance).
/// </summary>
public sealed record JpegQualityEstimate(int Quality, bool IsExact, double MeanAbsoluteDifference, int TablesCompared);
