namespace Athar.Imaging.Jpeg.Structure;

// The APPn and COM records. Offsets are file offsets: Offset is where the segment's FF is.

/// <summary>JFIF APP0 ("JFIF\0", JFIF 1.02 section "JFIF file syntax"): version, density unit (0 none, 1 dpi, 2 dpcm), densities, thumbnail size.</summary>
public sealed record JfifSegment(int Offset, int VersionMajor, int VersionMinor, int DensityUnits, int XDensity, int YDensity, int ThumbnailWidth, int ThumbnailHeight);

/// <summary>EXIF APP1 ("Exif\0\0", Exif 2.32 section 4.5.4): where the TIFF block (byte-order mark onwards) lies in the file.</summary>
public sealed record ExifSegment(int Offset, int TiffOffset, int TiffLength);

/// <summary>XMP APP1 ("http://ns.adobe.com/xap/1.0/\0", XMP Part 3 1.1.3): the packet, decoded as UTF-8.</summary>
public sealed record XmpSegment(int Offset, int PacketOffset, int PacketLength, string Packet);

/// <summary>One ICC_PROFILE APP2 chunk (ICC.1:2010 Annex B.4): its 1-based sequence number, the declared chunk count, and where its data lies.</summary>
public sealed record IccChunk(int Offset, int Sequence, int Count, int DataOffset, int DataLength);

/// <summary>Photoshop APP13 ("Photoshop 3.0\0"): the ids of its 8BIM image resource blocks, in order (0x0404 is IPTC).</summary>
public sealed record PhotoshopSegment(int Offset, IReadOnlyList<int> ResourceIds);

/// <summary>Adobe APP14 ("Adobe", Adobe Technical Note 5116): DCTEncode version, flags and colour transform (0 none/RGB or CMYK, 1 YCbCr, 2 YCCK).</summary>
public sealed record AdobeSegment(int Offset, int Version, int Flags0, int Flags1, int Transform);

/// <summary>MPF APP2 ("MPF\0", CIPA DC-007 section 5.2): where its TIFF-structured index lies; <see cref="ImageCount"/> from MPEntry (0xB002) when readable, else 0.</summary>
public sealed record MpfSegment(int Offset, int TiffOffset, int TiffLength, int ImageCount);

/// <summary>An APPn segment with an identifier this parser does not interpret; <see cref="Identifier"/> is the leading printable ASCII up to NUL (may be empty).</summary>
public sealed record UnknownAppSegment(int AppNumber, int Offset, int Length, string Identifier);

/// <summary>A COM segment (T.81 B.2.4.5); <see cref="Text"/> is decoded as Latin-1 so that every byte survives one-to-one.</summary>
public sealed record JpegComment(int Offset, int Length, string Text);

/// <summary>The EXIF thumbnail: IFD1 JPEGInterchangeFormat/Length (Exif 2.32 section 4.6.5 Table 3) resolved to a file offset.</summary>
public sealed record ExifThumbnailLocation(int Offset, int Length, bool StartsWithSoi);

/// <summary>
/// Bytes after EOI: where they start, how many, whether they start with SOI (an appended JPEG, as MPF files have),
/// and the file offset of the first FF D8 FF in them (an embedded JPEG after padding; -1 when none).
/// </summary>
public sealed record TrailingData(int Offset, int Length, bool StartsWithSoi, int EmbeddedJpegOffset);
