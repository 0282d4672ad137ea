namespace Athar.Imaging.Jpeg;

/// <summary>One marker segment before the scan data: its marker byte (0xE1 for APP1), where it starts (at 0xFF) and its total length including the marker.</summary>
public readonly record struct JpegSegment(byte Marker, int Offset, int Length)
{
    public bool IsApp => Marker is >= 0xE0 and <= 0xEF;
    public bool IsComment => Marker == 0xFE;
    public int End => Offset + Length;
}
