using Athar.Imaging.Jpeg.Structure;
using Athar.Imaging.TurboJpeg;

namespace Athar.Imaging.Tests.Jpeg.Structure;

/// <summary>Every genuine camera original must parse cleanly: these files set the false-positive rate of later checks.</summary>
public sealed class JpegStructureCameraOriginalsTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_camera_original_parses_without_errors_and_agrees_with_libjpeg_turbo()
    {
        var all = CameraOriginals.All;
        Assert.True(all.Count >= 80, $"expected the 87 camera originals, found {all.Count}");
        var failures = new List<string>();
        foreach (var original in all)
        {
            var s = JpegStructureParser.Parse(original.Bytes);
            var name = original.Name;
            if (original.Bytes.Length == 0)
            {
                // "Olympus μ Digital 800.JPG" is an empty file in the upstream set: it must come out as not-a-JPEG, nothing more.
                Assert.Equal([JpegStructureIssueCodes.NoSoi], s.Issues.Select(i => i.Code));
                output.WriteLine($"{name}: empty file, reported as {JpegStructureIssueCodes.NoSoi}");
                continue;
            }
            foreach (var issue in s.Issues)
            {
                if (issue.Code == JpegStructureIssueCodes.ParserFault || issue.Severity == JpegIssueSeverity.Error) failures.Add($"{name}: {issue.Code} {issue.Message}");
                else output.WriteLine($"{name}: {issue.Code} ({issue.Severity}) {issue.Message}");
            }
            if (s.Frame is not { } frame) { failures.Add($"{name}: no frame"); continue; }
            JpegHeader header;
            try { header = JpegDecoder.Shared.ReadHeader(original.Bytes); }
            catch (TurboJpegException ex)
            {
                // libjpeg-turbo refuses some genuine files outright (e.g. "extraneous bytes before marker"); the dump's size still applies.
                output.WriteLine($"{name}: libjpeg-turbo cannot read the header ({ex.Message}); compared with the dump only");
                header = new JpegHeader(frame.Width, frame.Height, JpegSubsampling.Unknown, 0);
            }
            if ((frame.Width, frame.Height) != (header.Width, header.Height)) failures.Add($"{name}: SOF {frame.Width}x{frame.Height}, libjpeg-turbo {header.Width}x{header.Height}");
            if (header.Subsampling != JpegSubsampling.Unknown && frame.Subsampling != header.Subsampling) failures.Add($"{name}: subsampling {frame.Subsampling}, libjpeg-turbo {header.Subsampling}");
            if (original.DumpWidth is { } w && original.DumpHeight is { } h && (w, h) != (frame.Width, frame.Height))
                failures.Add($"{name}: SOF {frame.Width}x{frame.Height}, MetadataExtractor dump {w}x{h}");
            if (s.QuantizationTables.Count < 1) failures.Add($"{name}: no DQT");
            if (s.Quality is not { Quality: >= 30 and <= 100 } quality) failures.Add($"{name}: implausible quality {s.Quality}");
            else output.WriteLine($"{name}: {frame.Width}x{frame.Height} {JpegMarker.NameOf(frame.Marker)} {frame.SubsamplingLabel} IJG~{quality.Quality}{(quality.IsExact ? " exact" : "")} (mean diff {quality.MeanAbsoluteDifference:F2})");
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public void Progressive_camera_files_report_progressive()
    {
        var progressive = 0;
        foreach (var original in CameraOriginals.All)
        {
            var s = JpegStructureParser.Parse(original.Bytes);
            if (s.Frame?.Marker != 0xC2) continue;
            progressive++;
            Assert.True(s.Frame.IsProgressive);
            Assert.True(s.Scans.Count > 1, $"{original.Name}: progressive with {s.Scans.Count} scan(s)");
        }
        // MetadataExtractor's dumps list 8 files as "Progressive, Huffman".
        Assert.Equal(8, progressive);
    }

    [Fact]
    public void Exif_thumbnails_point_at_jpeg_data()
    {
        int withExif = 0, withThumb = 0;
        foreach (var original in CameraOriginals.All)
        {
            var s = JpegStructureParser.Parse(original.Bytes);
            if (s.Exif is null) continue;
            withExif++;
            if (s.ExifThumbnail is not { } thumb) continue;
            withThumb++;
            Assert.True(thumb.Offset > s.Exif.TiffOffset && thumb.Offset + thumb.Length <= s.Exif.TiffOffset + s.Exif.TiffLength, original.Name);
            Assert.True(thumb.StartsWithSoi, $"{original.Name}: thumbnail at {thumb.Offset} does not start with FF D8");
            var inner = JpegStructureParser.Parse(original.Bytes.AsSpan(thumb.Offset, thumb.Length));
            Assert.NotNull(inner.Frame);
        }
        output.WriteLine($"{withExif} files with EXIF, {withThumb} with a JPEG thumbnail");
        Assert.True(withThumb >= withExif / 2, $"only {withThumb} of {withExif} EXIF files have a thumbnail");
    }

    [Fact]
    public void Exif_thumbnail_locations_agree_with_metadata_extractor()
    {
        int compared = 0, refused = 0;
        foreach (var original in CameraOriginals.All)
        {
            if (original.DumpThumbnailOffset is not { } dumpOffset || original.DumpThumbnailLength is not (> 0 and var dumpLength)) continue;
            var s = JpegStructureParser.Parse(original.Bytes);
            if (s.ExifThumbnail is not { } thumb)
            {
                // MetadataExtractor prints the tags without checking them; we refuse a thumbnail that leaves the EXIF block, and say so.
                Assert.Contains(s.Issues, i => i.Code == JpegStructureIssueCodes.ThumbnailOutOfRange);
                refused++;
                continue;
            }
            compared++;
            Assert.Equal((dumpOffset, dumpLength), (thumb.Offset - (s.Exif!.TiffOffset - 6), thumb.Length));
        }
        output.WriteLine($"{compared} thumbnails agree with MetadataExtractor, {refused} refused as out of range");
        Assert.True(compared >= 55, $"{compared} compared");
    }

    [Fact]
    public void Markers_and_scans_tile_every_clean_original()
    {
        // Without warnings, the structure must account for every byte: segment after segment, each scan's data
        // up to the next marker, only FF fill bytes between, then EOI and the trailer to the end of the file.
        var checkedFiles = 0;
        foreach (var original in CameraOriginals.All)
        {
            var s = JpegStructureParser.Parse(original.Bytes);
            if (original.Bytes.Length == 0 || s.Issues.Any(i => i.Severity > JpegIssueSeverity.Info)) continue;
            checkedFiles++;
            var scans = s.Scans.ToDictionary(scan => scan.Offset);
            for (var i = 0; i + 1 < s.Markers.Count; i++)
            {
                var m = s.Markers[i];
                var end = m.Name == "SOS" ? scans[m.Offset].EntropyOffset + scans[m.Offset].EntropyLength : m.Offset + m.Length;
                var next = s.Markers[i + 1].Offset;
                Assert.True(end <= next, $"{original.Name}: {m.Name} at {m.Offset} ends at {end}, after the next marker at {next}");
                for (var b = end; b < next; b++) Assert.True(original.Bytes[b] == 0xFF, $"{original.Name}: byte {b} between {m.Name} and the next marker is {original.Bytes[b]:X2}");
            }
            Assert.Equal("EOI", s.Markers[^1].Name);
            Assert.Equal(original.Bytes.Length, s.EoiOffset + 2 + (s.Trailer?.Length ?? 0));
        }
        output.WriteLine($"{checkedFiles} clean originals tile completely");
        Assert.True(checkedFiles >= 80, $"{checkedFiles} checked");
    }
}
