using Athar.Imaging.Jpeg.Structure;
using Athar.Imaging.Raster;
using Athar.Imaging.TurboJpeg;

namespace Athar.Forensics.Analysis;

/// <summary>
/// One item as the analyzers see it: its bytes, read once, and what is derived from them on first use
/// (the JPEG structure, a scaled luminance plane). Shared by every analyzer that runs on the item, so
/// nothing is parsed or decoded twice.
/// </summary>
public sealed class ItemContext : IDisposable
{
    private JpegStructure? _structure;
    private ImageBuffer? _luma;
    private string? _lumaError;
    private bool _lumaTried;

    public ItemContext(string itemId, string mediaType, ReadOnlyMemory<byte> bytes)
    {
        ItemId = itemId;
        MediaType = mediaType;
        Bytes = bytes;
    }

    public string ItemId { get; }
    public string MediaType { get; }
    public ReadOnlyMemory<byte> Bytes { get; }

    public bool IsJpeg => MediaType == "image/jpeg";

    public JpegStructure Structure => _structure ??= JpegStructureParser.Parse(Bytes.Span);

    /// <summary>Luminance at the largest DCT scale that keeps the long side at or above 512 px; null if undecodable.</summary>
    public ImageBuffer? Luma512
    {
        get
        {
            if (_lumaTried) return _luma;
            _lumaTried = true;
            try
            {
                var header = JpegDecoder.Shared.ReadHeader(Bytes.Span, tolerateWarnings: true);
                var scale = JpegScale.AtLeast(header.Width, header.Height, 512);
                _luma = JpegDecoder.Shared.Decode(Bytes.Span, PixelLayout.Gray8, scale, tolerateWarnings: true, out _);
            }
            catch (TurboJpegException e)
            {
                _lumaError = e.Message;
            }
            return _luma;
        }
    }

    /// <summary>Why <see cref="Luma512"/> is null, when it is.</summary>
    public string? DecodeError => _lumaError;

    public void Dispose() => _luma?.Dispose();
}
