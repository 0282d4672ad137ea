namespace Athar.Imaging.Jpeg.Structure;

/// <summary>One scan component (T.81 B.2.3): component selector Csj and its DC/AC Huffman table ids.</summary>
public readonly record struct JpegScanComponent(int Id, int DcTableId, int AcTableId);

/// <summary>
/// One scan: the SOS header (T.81 B.2.3) and where its entropy-coded data lies. <see cref="EntropyLength"/>
/// runs to the next marker other than RSTn; <see cref="RestartMarkers"/> counts the RSTn markers inside it.
/// </summary>
public sealed record JpegScan(
    int Offset,
    IReadOnlyList<JpegScanComponent> Components,
    int SpectralStart,
    int SpectralEnd,
    int ApproximationHigh,
    int ApproximationLow,
    int EntropyOffset,
    int EntropyLength,
    int RestartMarkers);
