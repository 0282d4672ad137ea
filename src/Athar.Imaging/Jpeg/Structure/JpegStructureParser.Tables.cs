using Athar.Imaging.TurboJpeg;

namespace Athar.Imaging.Jpeg.Structure;

// Table and header segments: DQT (B.2.4.1), DHT (B.2.4.2), DRI (B.2.4.4), SOFn (B.2.2), SOS (B.2.3).
public static partial class JpegStructureParser
{
    private static void ReadDqt(ReadOnlySpan<byte> payload, int offset, JpegStructure s)
    {
        if (payload.IsEmpty)
        {
            AddIssue(s, JpegStructureIssueCodes.DqtInvalid, offset - 4, $"DQT at offset {offset - 4} holds no table");
            return;
        }
        var p = 0;
        while (p < payload.Length)
        {
            // B.2.4.1: Pq (0 = 8-bit, 1 = 16-bit values) and Tq (0..3) share one byte.
            var precision = payload[p] >> 4;
            var id = payload[p] & 0x0F;
            if (precision > 1 || id > 3)
            {
                AddIssue(s, JpegStructureIssueCodes.DqtInvalid, offset + p, $"DQT table header 0x{payload[p]:X2} at offset {offset + p}: precision Pq must be 0 or 1 and table id Tq 0 to 3");
                return;
            }
            var size = precision == 0 ? 64 : 128;
            if (p + 1 + size > payload.Length)
            {
                AddIssue(s, JpegStructureIssueCodes.DqtInvalid, offset + p, $"DQT table {id} at offset {offset + p} needs {size} value bytes but the segment has {payload.Length - p - 1}");
                return;
            }
            var values = new ushort[64];
            var zero = false;
            var zigzag = JpegZigZag.NaturalIndex;
            for (var k = 0; k < 64; k++)
            {
                // Values are stored in zig-zag order (A.3.6); keep them in natural order.
                var v = precision == 0 ? payload[p + 1 + k] : (ushort)((payload[p + 1 + 2 * k] << 8) | payload[p + 2 + 2 * k]);
                values[zigzag[k]] = v;
                zero |= v == 0;
            }
            if (zero)
                AddIssue(s, JpegStructureIssueCodes.DqtZeroEntry, offset + p, $"DQT table {id} at offset {offset + p} contains 0, which T.81 B.2.4.1 forbids");
            var previous = s.QuantizationTable(id);
            if (previous is not null && !SameValues(previous.Values, values))
                AddIssue(s, JpegStructureIssueCodes.DqtRedefined, offset + p, $"DQT table {id} is redefined at offset {offset + p} with different values (first defined at {previous.Offset})");
            s.AddQuantizationTable(new JpegQuantizationTable(id, precision == 0 ? 8 : 16, offset + p, values));
            p += 1 + size;
        }
    }

    private static bool SameValues(IReadOnlyList<ushort> a, ushort[] b)
    {
        for (var i = 0; i < 64; i++) if (a[i] != b[i]) return false;
        return true;
    }

    private static void ReadDht(ReadOnlySpan<byte> payload, int offset, JpegStructure s)
    {
        if (payload.IsEmpty)
        {
            AddIssue(s, JpegStructureIssueCodes.DhtInvalid, offset - 4, $"DHT at offset {offset - 4} holds no table");
            return;
        }
        var p = 0;
        while (p < payload.Length)
        {
            // B.2.4.2: Tc (0 = DC or lossless, 1 = AC) and Th (0..3), then 16 counts, then the symbols.
            var tableClass = payload[p] >> 4;
            var id = payload[p] & 0x0F;
            if (tableClass > 1 || id > 3)
            {
                AddIssue(s, JpegStructureIssueCodes.DhtInvalid, offset + p, $"DHT table header 0x{payload[p]:X2} at offset {offset + p}: class Tc must be 0 or 1 and id Th 0 to 3");
                return;
            }
            if (p + 17 > payload.Length)
            {
                AddIssue(s, JpegStructureIssueCodes.DhtInvalid, offset + p, $"DHT table at offset {offset + p} is cut off inside its 16 code counts");
                return;
            }
            var counts = payload.Slice(p + 1, 16);
            var total = 0;
            foreach (var c in counts) total += c;
            // Annex C: at most 256 codes (symbols are bytes); codes of length n can number at most 2^n - 1 overall.
            if (total > 256 || p + 17 + total > payload.Length)
            {
                AddIssue(s, JpegStructureIssueCodes.DhtInvalid, offset + p,
                    $"DHT table {tableClass}/{id} at offset {offset + p} declares {total} symbols but " + (total > 256 ? "at most 256 are possible" : $"the segment has {payload.Length - p - 17}"));
                return;
            }
            s.HuffmanList.Add(new JpegHuffmanTable(tableClass, id, offset + p, counts.ToArray(), payload.Slice(p + 17, total).ToArray()));
            p += 17 + total;
        }
    }

    private static void ReadDri(ReadOnlySpan<byte> payload, int offset, JpegStructure s)
    {
        if (payload.Length != 2)
        {
            AddIssue(s, JpegStructureIssueCodes.DriInvalid, offset - 4, $"DRI at offset {offset - 4} has {payload.Length} parameter bytes; T.81 B.2.4.4 requires 2");
            return;
        }
        s.RestartInterval = (payload[0] << 8) | payload[1];
    }

    /// <summary>B.2.5: a frame whose SOF declared 0 lines gets its height from the DNL after the first scan.</summary>
    private static void ReadDnl(ReadOnlySpan<byte> payload, int offset, JpegStructure s)
    {
        if (payload.Length != 2)
        {
            AddIssue(s, JpegStructureIssueCodes.SofInvalid, offset - 4, $"DNL at offset {offset - 4} has {payload.Length} parameter bytes; T.81 B.2.5 requires 2");
            return;
        }
        if (s.Frame is { Height: 0 } frame) s.Frame = frame with { Height = (payload[0] << 8) | payload[1] };
    }

    private static void ReadSof(byte code, ReadOnlySpan<byte> payload, int offset, JpegStructure s)
    {
        var at = offset - 4;
        if (s.Frame is not null)
        {
            AddIssue(s, JpegStructureIssueCodes.MultipleSof, at, $"a second frame header {JpegMarker.NameOf(code)} at offset {at}; the first one (offset {s.Frame.Offset}) is reported");
            return;
        }
        // B.2.2: P (1), Y (2), X (2), Nf (1), then Nf times Ci, Hi/Vi, Tqi.
        if (payload.Length < 6)
        {
            AddIssue(s, JpegStructureIssueCodes.SofInvalid, at, $"{JpegMarker.NameOf(code)} at offset {at} has {payload.Length} parameter bytes; at least 6 are required");
            return;
        }
        int precision = payload[0], height = (payload[1] << 8) | payload[2], width = (payload[3] << 8) | payload[4], count = payload[5];
        if (count == 0 || payload.Length != 6 + 3 * count)
        {
            AddIssue(s, JpegStructureIssueCodes.SofInvalid, at, $"{JpegMarker.NameOf(code)} at offset {at} declares {count} components but has {payload.Length} parameter bytes (expected {6 + 3 * count})");
            return;
        }
        if (width == 0)
            AddIssue(s, JpegStructureIssueCodes.SofInvalid, at, $"{JpegMarker.NameOf(code)} at offset {at} declares width 0, which T.81 B.2.2 forbids");
        var components = new JpegFrameComponent[count];
        for (var i = 0; i < count; i++)
        {
            var c = payload.Slice(6 + 3 * i, 3);
            components[i] = new JpegFrameComponent(c[0], c[1] >> 4, c[1] & 0x0F, c[2]);
            if (components[i].HorizontalSampling is < 1 or > 4 || components[i].VerticalSampling is < 1 or > 4 || c[2] > 3)
                AddIssue(s, JpegStructureIssueCodes.SofInvalid, offset + 6 + 3 * i,
                    $"component {c[0]} at offset {offset + 6 + 3 * i}: sampling {c[1] >> 4}x{c[1] & 0x0F} or quantisation table {c[2]} out of range (B.2.2: 1..4 and 0..3)");
        }
        // Table B.1: the low two bits give the process; bit 3 arithmetic coding; SOF5-7 and SOF13-15 are differential (hierarchical).
        var process = (JpegProcess)(code & 0x03);
        var coding = (code & 0x08) != 0 ? JpegEntropyCoding.Arithmetic : JpegEntropyCoding.Huffman;
        var differential = (code & 0x04) != 0;
        s.Frame = new JpegFrame(code, at, process, coding, differential, precision, width, height, components, Classify(components));
    }

    /// <summary>Classifies chroma subsampling as TurboJPEG does: by the luma factors relative to two equal chroma components.</summary>
    private static JpegSubsampling Classify(JpegFrameComponent[] c)
    {
        if (c.Length == 1) return JpegSubsampling.Gray;
        if (c.Length != 3 || c[1].HorizontalSampling != c[2].HorizontalSampling || c[1].VerticalSampling != c[2].VerticalSampling) return JpegSubsampling.Unknown;
        int h = c[0].HorizontalSampling, v = c[0].VerticalSampling, ch = c[1].HorizontalSampling, cv = c[1].VerticalSampling;
        if (ch == 0 || cv == 0 || h % ch != 0 || v % cv != 0) return JpegSubsampling.Unknown;
        return (h / ch, v / cv) switch
        {
            (1, 1) => JpegSubsampling.Yuv444,
            (2, 1) => JpegSubsampling.Yuv422,
            (2, 2) => JpegSubsampling.Yuv420,
            (4, 1) => JpegSubsampling.Yuv411,
            (1, 2) => JpegSubsampling.Yuv440,
            _ => JpegSubsampling.Unknown,
        };
    }

    private static void ReadSos(ReadOnlySpan<byte> payload, int offset, int entropyOffset, int entropyLength, int restarts, JpegStructure s)
    {
        var at = offset - 4;
        if (s.Frame is null)
            AddIssue(s, JpegStructureIssueCodes.SosBeforeSof, at, $"scan header at offset {at} comes before any valid frame header");
        // B.2.3: Ns (1..4), Ns times Csj and Tdj/Taj, then Ss, Se, Ah/Al.
        var count = payload.IsEmpty ? 0 : payload[0];
        if (count is < 1 or > 4 || payload.Length != 4 + 2 * count)
        {
            AddIssue(s, JpegStructureIssueCodes.SosInvalid, at, $"scan header at offset {at} declares {count} components in {payload.Length} parameter bytes (B.2.3: 1 to 4 components, 4 + 2 x Ns bytes)");
            s.ScanList.Add(new JpegScan(at, [], 0, 0, 0, 0, entropyOffset, entropyLength, restarts));
            return;
        }
        var components = new JpegScanComponent[count];
        for (var i = 0; i < count; i++)
            components[i] = new JpegScanComponent(payload[1 + 2 * i], payload[2 + 2 * i] >> 4, payload[2 + 2 * i] & 0x0F);
        var tail = payload[(1 + 2 * count)..];
        s.ScanList.Add(new JpegScan(at, components, tail[0], tail[1], tail[2] >> 4, tail[2] & 0x0F, entropyOffset, entropyLength, restarts));
    }
}
