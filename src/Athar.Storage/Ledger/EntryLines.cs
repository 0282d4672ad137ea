namespace Athar.Storage.Ledger;

/// <summary>
/// Splits the entries file into lines without their newline, streaming. The last line is marked
/// incomplete when the bytes end without a newline (a torn append).
/// </summary>
internal static class EntryLines
{
    public static IEnumerable<(byte[] Line, bool Complete)> Read(Stream stream, long length = long.MaxValue)
    {
        var pending = new MemoryStream();
        var buffer = new byte[1 << 16];
        long consumed = 0;
        while (consumed < length)
        {
            var read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, length - consumed));
            if (read == 0) break;
            consumed += read;
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n') continue;
                pending.Write(buffer, start, i - start);
                yield return (pending.ToArray(), true);
                pending.SetLength(0);
                start = i + 1;
            }
            pending.Write(buffer, start, read - start);
        }
        if (pending.Length > 0) yield return (pending.ToArray(), false);
    }
}
