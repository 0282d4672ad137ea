using System.IO.Compression;

namespace Athar.Cards.Tests.Digits;

/// <summary>Packs and unpacks weights files by hand, to write files that Save would refuse to write.</summary>
internal static class GzipBytes
{
    public static byte[] Pack(byte[] raw)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(raw);
        return memory.ToArray();
    }

    public static byte[] Unpack(byte[] packed)
    {
        using var gzip = new GZipStream(new MemoryStream(packed), CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }
}
