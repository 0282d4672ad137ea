using Athar.Imaging.TurboJpeg;

namespace Athar.Imaging.Jpeg.Structure;

/// <summary>The coding process a SOFn marker announces (T.81 Table B.1).</summary>
public enum JpegProcess
{
    Baseline = 0,
    ExtendedSequential = 1,
    Progressive = 2,
    Lossless = 3,
}

/// <summary>The entropy coder a SOFn marker announces (T.81 Table B.1: SOF0-7 Huffman, SOF9-15 arithmetic).</summary>
public enum JpegEntropyCoding
{
    Huffman = 0,
    Arithmetic = 1,
}

/// <summary>One frame component (T.81 B.2.2): id Ci, sampling factors Hi and Vi, quantisation table Tqi.</summary>
public readonly record struct JpegFrameComponent(int Id, int HorizontalSampling, int VerticalSampling, int QuantizationTableId);

/// <summary>
/// The frame header (SOFn, T.81 B.2.2). <see cref="Height"/> comes from the DNL segment when SOF declares 0
/// (T.81 B.2.5); it stays 0 when no DNL follows. <see cref="Subsampling"/> classifies the chroma layout the way TurboJPEG does, and
/// <see cref="SubsamplingLabel"/> writes it as "4:2:0", "grey" and so on ("other" for anything else).
/// </summary>
public sealed record JpegFrame(
    byte Marker,
    int Offset,
    JpegProcess Process,
    JpegEntropyCoding Coding,
    bool Differential,
    int Precision,
    int Width,
    int Height,
    IReadOnlyList<JpegFrameComponent> Components,
    JpegSubsampling Subsampling)
{
    /// <summary>"4:4:4", "4:2:2", "4:2:0", "4:1:1", "4:4:0", "grey" or "other".</summary>
    public string SubsamplingLabel => Subsampling switch
    {
        JpegSubsampling.Yuv444 => "4:4:4",
        JpegSubsampling.Yuv422 => "4:2:2",
        JpegSubsampling.Yuv420 => "4:2:0",
        JpegSubsampling.Yuv411 => "4:1:1",
        JpegSubsampling.Yuv440 => "4:4:0",
        JpegSubsampling.Gray => "grey",
        _ => "other",
    };

    /// <summary>The first component's sampling factors as JPEGsnoop writes them ("2x1", "2x2", "1x1").</summary>
    public string LumaSamplingFactors => Components.Count == 0 ? "" : $"{Components[0].HorizontalSampling}x{Components[0].VerticalSampling}";

    /// <summary>True for SOF2, SOF6, SOF10 and SOF14.</summary>
    public bool IsProgressive => Process == JpegProcess.Progressive;
}
