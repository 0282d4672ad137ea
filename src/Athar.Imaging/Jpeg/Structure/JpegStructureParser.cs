namespace Athar.Imaging.Jpeg.Structure;

/// <summary>
/// A managed, read-only JPEG structure parser for forensic use. It never throws on any input, never reads
/// outside the data, and runs in time linear in the input: each byte is visited a bounded number of times
/// (segments are skipped by their length; entropy-coded data is skipped by a vectorised search for FF) and
/// the number of markers and issues is capped. Problems are returned as <see cref="JpegStructureIssue"/>s.
/// Syntax follows ITU-T T.81 Annex B; section numbers in comments refer to it unless stated otherwise.
/// </summary>
public static partial class JpegStructureParser
{
    /// <summary>Markers recorded before parsing stops with <see cref="JpegStructureIssueCodes.MarkerLimit"/>. Real files have a few dozen.</summary>
    public const int MaxMarkers = 65_536;

    /// <summary>Issues recorded before later ones are dropped (one <see cref="JpegStructureIssueCodes.TooManyIssues"/> marks the cut).</summary>
    public const int MaxIssues = 200;

    private const byte Tem = 0x01, Soi = 0xD8, Eoi = 0xD9, Sos = 0xDA, Dqt = 0xDB, Dnl = 0xDC, Dri = 0xDD, Dht = 0xC4, Com = 0xFE;

    /// <summary>Reads the file at <paramref name="path"/> once and parses it. I/O errors (missing file, no access) throw as usual; content never does.</summary>
    public static JpegStructure Parse(string path) => Parse(File.ReadAllBytes(path));

    /// <summary>
    /// Reads <paramref name="stream"/> to its end once and parses the bytes. I/O errors throw as usual; content never does.
    /// Requires a readable stream of less than 2 GiB.
    /// </summary>
    public static JpegStructure Parse(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.CanSeek)
        {
            var remaining = Math.Max(0, stream.Length - stream.Position);
            if (remaining > Array.MaxLength) throw new ArgumentException($"stream holds {remaining} bytes; at most {Array.MaxLength} can be parsed", nameof(stream));
            var buffer = new byte[remaining];
            stream.ReadExactly(buffer);
            return Parse(buffer);
        }
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Parse(copy.GetBuffer().AsSpan(0, (int)copy.Length));
    }

    /// <summary>Parses <paramref name="file"/>. Never throws; see <see cref="JpegStructure.Issues"/> for what was wrong.</summary>
    public static JpegStructure Parse(ReadOnlySpan<byte> file)
    {
        var result = new JpegStructure(file.Length);
        try
        {
            Walk(file, result);
            CheckCompleteness(result);
            result.Quality = JpegQualityEstimator.Estimate(result);
        }
#pragma warning disable CA1031 // The safety net for hostile input: a parser defect becomes a finding, not a crash. Tests assert it never fires.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            result.IssueList.Add(new JpegStructureIssue(JpegStructureIssueCodes.ParserFault, JpegIssueSeverity.Error, -1,
                $"the parser failed on this input ({ex.GetType().Name}: {ex.Message}); the structure above is incomplete"));
        }
        return result;
    }

    private static void Walk(ReadOnlySpan<byte> file, JpegStructure s)
    {
        // B.2.1: a compressed image starts with SOI.
        if (file.Length < 2 || file[0] != 0xFF || file[1] != Soi)
        {
            var what = file.Length < 2 ? $"the data is {file.Length} byte(s) long" : $"it starts with {file[0]:X2} {file[1]:X2}";
            AddIssue(s, JpegStructureIssueCodes.NoSoi, 0, $"not a JPEG: {what} instead of the start-of-image marker FF D8 at offset 0");
            return;
        }
        s.MarkerList.Add(new JpegMarker(Soi, "SOI", 0, 2));
        var pos = 2;
        while (true)
        {
            if (pos >= file.Length)
            {
                AddIssue(s, JpegStructureIssueCodes.NoEoi, file.Length, $"the data ends at offset {file.Length} without an end-of-image marker (FF D9); the file is probably cut off");
                return;
            }
            if (s.MarkerList.Count >= MaxMarkers)
            {
                AddIssue(s, JpegStructureIssueCodes.MarkerLimit, pos, $"more than {MaxMarkers} markers; parsing stopped at offset {pos}");
                return;
            }
            if (file[pos] != 0xFF)
            {
                // B.1.1.2: every marker starts with FF. Skip to the next FF and try again from there.
                var next = file[pos..].IndexOf((byte)0xFF);
                var skipped = next < 0 ? file.Length - pos : next;
                if (HasRoom(s)) AddIssue(s, JpegStructureIssueCodes.UnexpectedData, pos, $"{skipped} byte(s) at offset {pos} where a marker (FF xx) was expected; skipped");
                pos += skipped;
                continue;
            }
            // B.1.1.2: any marker may be preceded by fill bytes FF.
            var fill = pos + 1;
            while (fill < file.Length && file[fill] == 0xFF) fill++;
            if (fill >= file.Length)
            {
                AddIssue(s, JpegStructureIssueCodes.NoEoi, file.Length, $"the data ends in fill bytes at offset {pos} without an end-of-image marker");
                return;
            }
            pos = fill - 1;
            var code = file[fill];
            if (code == 0x00)
            {
                if (HasRoom(s)) AddIssue(s, JpegStructureIssueCodes.UnexpectedData, pos, $"a stuffed FF 00 at offset {pos} outside any scan; skipped");
                pos += 2;
                continue;
            }
            if (IsStandalone(code))
            {
                s.MarkerList.Add(new JpegMarker(code, JpegMarker.NameOf(code), pos, 2));
                if (code == Eoi)
                {
                    s.EoiOffset = pos;
                    RecordTrailer(file, pos + 2, s);
                    return;
                }
                var why = code == Soi ? "a second start-of-image" : code == Tem ? "TEM, which only arithmetic-coding test streams use" : "a restart marker outside any scan";
                if (HasRoom(s)) AddIssue(s, JpegStructureIssueCodes.UnexpectedMarker, pos, $"{JpegMarker.NameOf(code)} at offset {pos}: {why}");
                pos += 2;
                continue;
            }
            // B.1.1.4: a marker segment is FF, code, a 16-bit length that counts itself, then the parameters.
            if (pos + 4 > file.Length)
            {
                AddIssue(s, JpegStructureIssueCodes.Truncated, pos, $"the data ends inside the {JpegMarker.NameOf(code)} marker at offset {pos}, before its length field");
                return;
            }
            var length = (file[pos + 2] << 8) | file[pos + 3];
            if (length < 2)
            {
                AddIssue(s, JpegStructureIssueCodes.BadSegmentLength, pos, $"{JpegMarker.NameOf(code)} at offset {pos} declares length {length}; the minimum is 2");
                s.MarkerList.Add(new JpegMarker(code, JpegMarker.NameOf(code), pos, 4));
                pos += 4; // resynchronise on the next FF
                continue;
            }
            if ((long)pos + 2 + length > file.Length) // long: no wrap-around near 2 GiB
            {
                AddIssue(s, JpegStructureIssueCodes.Truncated, pos,
                    $"{JpegMarker.NameOf(code)} at offset {pos} declares {length} bytes but only {file.Length - pos - 2} remain; the file is cut off or the length is wrong");
                s.MarkerList.Add(new JpegMarker(code, JpegMarker.NameOf(code), pos, file.Length - pos));
                return;
            }
            s.MarkerList.Add(new JpegMarker(code, JpegMarker.NameOf(code), pos, length + 2));
            var payload = file.Slice(pos + 4, length - 2);
            var payloadOffset = pos + 4;
            pos += 2 + length;
            switch (code)
            {
                case Dqt: ReadDqt(payload, payloadOffset, s); break;
                case Dht: ReadDht(payload, payloadOffset, s); break;
                case Dri: ReadDri(payload, payloadOffset, s); break;
                case Dnl: ReadDnl(payload, payloadOffset, s); break;
                case Com: s.CommentList.Add(new JpegComment(payloadOffset - 4, length + 2, System.Text.Encoding.Latin1.GetString(payload))); break;
                case Sos:
                    var entropyEnd = SkipEntropyCodedData(file, pos, s, out var restarts);
                    ReadSos(payload, payloadOffset, pos, entropyEnd - pos, restarts, s);
                    pos = entropyEnd;
                    break;
                case >= 0xE0 and <= 0xEF: ReadApp(file, code, payload, payloadOffset, s); break;
                case >= 0xC0 and <= 0xCF when code is not (Dht or 0xC8 or 0xCC): ReadSof(code, payload, payloadOffset, s); break;
                default: break; // DHP, EXP, DAC, JPGn, reserved: listed, not interpreted.
            }
        }
    }

    // B.1.1.3 and Table B.1: SOI, EOI, RSTn and TEM have no length field.
    private static bool IsStandalone(byte code) => code is Soi or Eoi or Tem or (>= 0xD0 and <= 0xD7);

    /// <summary>
    /// Skips entropy-coded data from <paramref name="start"/> to the next marker and returns its offset (or the
    /// end of the data). Inside a scan FF 00 is a stuffed data byte (F.1.2.3), FF D0..D7 are restart markers
    /// (B.2.1, counted here, expected in cyclic order) and FF FF is fill before a marker.
    /// </summary>
    private static int SkipEntropyCodedData(ReadOnlySpan<byte> file, int start, JpegStructure s, out int restarts)
    {
        restarts = 0;
        var reportedOrder = false;
        var i = start;
        while (i < file.Length)
        {
            if (file[i] != 0xFF)
            {
                // Vectorised search for the next FF; checked inline below when FFs come thick (stuffing-dense data).
                var found = file[i..].IndexOf((byte)0xFF);
                if (found < 0) return file.Length;
                i += found;
            }
            if (i + 1 >= file.Length) return file.Length;
            var next = file[i + 1];
            if (next == 0x00) { i += 2; continue; }
            if (next is >= 0xD0 and <= 0xD7)
            {
                if (!reportedOrder && next - 0xD0 != (restarts & 7))
                {
                    reportedOrder = true;
                    AddIssue(s, JpegStructureIssueCodes.RestartOutOfOrder, i, $"RST{next - 0xD0} at offset {i} where RST{restarts & 7} was due (T.81 F.1.2.3: restart markers cycle 0 to 7)");
                }
                restarts++;
                i += 2;
                continue;
            }
            if (next == 0xFF) { i++; continue; }
            return i;
        }
        return file.Length;
    }

    private static void RecordTrailer(ReadOnlySpan<byte> file, int start, JpegStructure s)
    {
        if (start >= file.Length) return;
        var startsWithSoi = start + 1 < file.Length && file[start] == 0xFF && file[start + 1] == Soi;
        // FF D8 FF: SOI followed by a marker, as every JPEG starts (one vectorised pass; cameras pad with zeros before a second image).
        var found = file[start..].IndexOf([(byte)0xFF, Soi, (byte)0xFF]);
        var embedded = found < 0 ? -1 : start + found;
        s.Trailer = new TrailingData(start, file.Length - start, startsWithSoi, embedded);
        var what = startsWithSoi ? "; they start with another JPEG (FF D8)" : embedded >= 0 ? $"; a JPEG (FF D8 FF) starts at offset {embedded}" : "";
        AddIssue(s, JpegStructureIssueCodes.TrailingData, start, $"{file.Length - start} byte(s) after the end-of-image marker, from offset {start}{what}");
    }

    private static void CheckCompleteness(JpegStructure s)
    {
        if (s.MarkerList.Count == 0) return; // no SOI: already reported
        if (s.Frame is null)
            AddIssue(s, JpegStructureIssueCodes.NoSof, s.FileLength, "no valid frame header (SOFn): image size and coding process unknown");
        if (s.ScanList.Count == 0)
            AddIssue(s, JpegStructureIssueCodes.NoSos, s.FileLength, "no scan (SOS): the file holds no image data");
        if (s.Frame is { } frame)
        {
            foreach (var component in frame.Components)
            {
                if (frame.Process != JpegProcess.Lossless && s.QuantizationTable(component.QuantizationTableId) is null)
                    AddIssue(s, JpegStructureIssueCodes.DqtMissing, frame.Offset,
                        $"component {component.Id} of the frame at offset {frame.Offset} uses quantisation table {component.QuantizationTableId}, which no DQT defines");
            }
        }
    }

    /// <summary>False once the issue cap is passed: lets loops skip formatting messages nobody will keep.</summary>
    internal static bool HasRoom(JpegStructure s) => s.IssueList.Count <= MaxIssues;

    /// <summary>Records an issue unless the cap is reached; the first one over the cap records that later issues were dropped.</summary>
    internal static void AddIssue(JpegStructure s, string code, long offset, string message)
    {
        if (s.IssueList.Count > MaxIssues) return;
        if (s.IssueList.Count == MaxIssues)
        {
            s.IssueList.Add(new JpegStructureIssue(JpegStructureIssueCodes.TooManyIssues, JpegStructureIssueCodes.SeverityOf(JpegStructureIssueCodes.TooManyIssues), offset,
                $"more than {MaxIssues} issues; those from offset {offset} on are not listed"));
            return;
        }
        s.IssueList.Add(new JpegStructureIssue(code, JpegStructureIssueCodes.SeverityOf(code), offset, message));
    }
}
