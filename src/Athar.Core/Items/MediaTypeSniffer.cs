namespace Athar.Core.Items;

/// <summary>
/// Names a file's type from its first bytes, never from its extension: a renamed file on a drive must not
/// pass for something it is not. Unknown content is <c>application/octet-stream</c>.
/// </summary>
public static class MediaTypeSniffer
{
    /// <summary>How many leading bytes <see cref="Detect"/> looks at.</summary>
    public const int HeaderLength = 16;

    public const string Unknown = "application/octet-stream";

    public static string Detect(ReadOnlySpan<byte> head)
    {
        if (head.Length == 0) return "application/x-empty";
        if (StartsWith(head, [0xFF, 0xD8, 0xFF])) return "image/jpeg";
        if (StartsWith(head, [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (StartsWith(head, "GIF87a"u8) || StartsWith(head, "GIF89a"u8)) return "image/gif";
        if (StartsWith(head, "II*\0"u8) || StartsWith(head, "MM\0*"u8)) return "image/tiff";
        if (StartsWith(head, "BM"u8) && head.Length >= 14) return "image/bmp";
        if (head.Length >= 12 && StartsWith(head, "RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8)) return IsoBaseMediaType(head[8..12]);
        if (StartsWith(head, "%PDF-"u8)) return "application/pdf";
        if (StartsWith(head, "PK\x03\x04"u8) || StartsWith(head, "PK\x05\x06"u8)) return "application/zip";
        if (StartsWith(head, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])) return "application/x-ole-storage";
        if (StartsWith(head, [0x1F, 0x8B])) return "application/gzip";
        if (StartsWith(head, "7z\xBC\xAF\x27\x1C"u8)) return "application/x-7z-compressed";
        if (StartsWith(head, "Rar!"u8)) return "application/vnd.rar";
        if (LooksLikeText(head)) return "text/plain";
        return Unknown;
    }

    private static string IsoBaseMediaType(ReadOnlySpan<byte> brand)
    {
        if (brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("mif1"u8)) return "image/heic";
        if (brand.SequenceEqual("avif"u8)) return "image/avif";
        if (brand.SequenceEqual("qt  "u8)) return "video/quicktime";
        return "video/mp4";
    }

    private static bool StartsWith(ReadOnlySpan<byte> head, ReadOnlySpan<byte> magic) => head.StartsWith(magic);

    // Text: no NUL and no control bytes other than tab, CR, LF, FF. UTF-8 lead bytes are allowed.
    private static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        foreach (var b in head)
        {
            if (b == 0) return false;
            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0C or 0x0D)) return false;
        }
        return true;
    }
}
