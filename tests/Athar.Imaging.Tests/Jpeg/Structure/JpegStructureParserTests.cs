using Athar.Imaging.Jpeg.Structure;
using Athar.Imaging.Raster;
using Athar.Imaging.TurboJpeg;
using static Athar.Imaging.Tests.Jpeg.Structure.SyntheticJpeg;

namespace Athar.Imaging.Tests.Jpeg.Structure;

public sealed class JpegStructureParserTests
{
    private static string[] Codes(JpegStructure s) => [.. s.Issues.Select(i => i.Code)];

    [Fact]
    public void Encoder_output_has_the_expected_markers_frame_and_no_issues()
    {
        using var image = TestImages.Gradient(48, 32);
        var jpeg = JpegEncoder.Shared.Encode(image, 85, JpegSubsampling.Yuv420);
        var s = JpegStructureParser.Parse(jpeg);
        Assert.Empty(s.Issues);
        var names = s.Markers.Select(m => m.Name).ToArray();
        Assert.Equal("SOI", names[0]);
        Assert.Equal("EOI", names[^1]);
        Assert.Contains("DQT", names);
        Assert.Contains("SOF0", names);
        Assert.Contains("DHT", names);
        Assert.Contains("SOS", names);
        Assert.Equal(0, s.Markers[0].Offset);
        Assert.Equal(jpeg.Length - 2, s.EoiOffset);
        Assert.Null(s.Trailer);
        var frame = Assert.IsType<JpegFrame>(s.Frame);
        Assert.Equal((48, 32, 8), (frame.Width, frame.Height, frame.Precision));
        Assert.Equal((JpegProcess.Baseline, JpegEntropyCoding.Huffman, false), (frame.Process, frame.Coding, frame.Differential));
        Assert.Equal("4:2:0", frame.SubsamplingLabel);
        Assert.Equal("2x2", frame.LumaSamplingFactors);
        Assert.Equal(3, frame.Components.Count);
        Assert.NotNull(s.Jfif);
        Assert.Single(s.Scans);
        Assert.Equal(4, s.HuffmanTables.Count);
        Assert.Equal(2, s.QuantizationTables.Count);
        Assert.All(s.QuantizationTables, t => Assert.Equal(8, t.Precision));
        var scan = s.Scans[0];
        Assert.Equal(jpeg.Length - 2, scan.EntropyOffset + scan.EntropyLength);
    }

    [Theory]
    [InlineData(JpegSubsampling.Yuv444, "4:4:4")]
    [InlineData(JpegSubsampling.Yuv422, "4:2:2")]
    [InlineData(JpegSubsampling.Yuv440, "4:4:0")]
    [InlineData(JpegSubsampling.Yuv411, "4:1:1")]
    public void Subsampling_labels_agree_with_turbojpeg(JpegSubsampling subsampling, string label)
    {
        using var image = TestImages.Gradient(64, 32);
        var jpeg = JpegEncoder.Shared.Encode(image, 90, subsampling);
        var frame = JpegStructureParser.Parse(jpeg).Frame!;
        Assert.Equal(label, frame.SubsamplingLabel);
        Assert.Equal(JpegDecoder.Shared.ReadHeader(jpeg).Subsampling, frame.Subsampling);
    }

    [Fact]
    public void Greyscale_is_labelled_grey()
    {
        using var image = TestImages.Gradient(16, 16, PixelLayout.Gray8);
        var s = JpegStructureParser.Parse(JpegEncoder.Shared.Encode(image, 80, JpegSubsampling.Gray));
        Assert.Equal("grey", s.Frame!.SubsamplingLabel);
        Assert.Single(s.QuantizationTables);
        Assert.Equal(1, s.Quality!.TablesCompared);
    }

    [Fact]
    public void Progressive_encoding_is_reported_with_several_scans()
    {
        using var image = TestImages.Gradient(48, 32);
        var s = JpegStructureParser.Parse(JpegEncoder.Shared.Encode(image, 85, JpegSubsampling.Yuv420, progressive: true));
        Assert.Empty(s.Issues);
        Assert.Equal(0xC2, s.Frame!.Marker);
        Assert.True(s.Frame.IsProgressive);
        Assert.True(s.Scans.Count > 1);
        Assert.Contains(s.Scans, scan => scan.SpectralStart > 0); // an AC band scan
    }

    [Fact]
    public void Dqt_values_come_out_in_natural_order()
    {
        // Store k at zig-zag position k; the natural-order table must then hold the zig-zag index of each cell.
        var s = JpegStructureParser.Parse(Concat(Soi, Dqt(2, k => k + 1), Eoi));
        var table = Assert.Single(s.QuantizationTables);
        Assert.Equal((2, 8), (table.Id, table.Precision));
        var reference = ReferenceZigZag();
        for (var natural = 0; natural < 64; natural++) Assert.Equal(reference[natural] + 1, table.Values[natural]);
        Assert.Equal(1, table.At(0, 0));
        Assert.Equal(2, table.At(0, 1));
        Assert.Equal(3, table.At(1, 0));
    }

    /// <summary>T.81 Figure A.6 built by walking the anti-diagonals: result[natural index] = zig-zag position.</summary>
    private static int[] ReferenceZigZag()
    {
        var order = new int[64];
        var k = 0;
        for (var d = 0; d < 15; d++)
        {
            for (var i = 0; i <= d; i++)
            {
                var row = d % 2 == 0 ? d - i : i; // even diagonals run upwards (row falling), odd ones downwards
                var col = d - row;
                if (row < 8 && col < 8) order[row * 8 + col] = k++;
            }
        }
        return order;
    }

    [Fact]
    public void Sixteen_bit_tables_are_read()
    {
        var payload = new byte[129];
        payload[0] = 0x11; // Pq = 1, Tq = 1
        for (var k = 0; k < 64; k++) { payload[1 + 2 * k] = 0x01; payload[2 + 2 * k] = (byte)k; }
        var s = JpegStructureParser.Parse(Concat(Soi, Segment(0xDB, payload), Eoi));
        var table = Assert.Single(s.QuantizationTables);
        Assert.Equal((1, 16), (table.Id, table.Precision));
        Assert.Equal(0x100, table.Values[0]);
        Assert.Equal(0x13F, table.Values[63]);
    }

    [Fact]
    public void Dht_reports_class_id_counts_and_symbols()
    {
        var s = JpegStructureParser.Parse(Minimal());
        Assert.Equal(2, s.HuffmanTables.Count);
        var ac = s.HuffmanTables[1];
        Assert.Equal((1, 0), (ac.Class, ac.Id));
        Assert.Equal(16, ac.CodeCounts.Count);
        Assert.Equal(1, ac.CodeCounts[0]);
        Assert.Equal([0], ac.Symbols);
    }

    [Fact]
    public void Minimal_stream_has_no_issues() => Assert.Empty(JpegStructureParser.Parse(Minimal()).Issues);

    [Fact]
    public void Scan_skipping_handles_stuffing_and_restart_markers()
    {
        byte[] scan = [0x11, 0xFF, 0x00, 0x22, 0xFF, 0xD0, 0x33, 0xFF, 0xFF, 0xD1, 0x44, 0xFF, 0x00];
        var jpeg = Concat(Soi, Dqt(0, _ => 1), Sof(0xC0, 8, 8, (1, 1, 1, 0)), Segment(0xDD, 0, 1), Dht(0, 0), Dht(1, 0), Sos(), scan, Eoi);
        var s = JpegStructureParser.Parse(jpeg);
        Assert.Empty(s.Issues);
        var only = Assert.Single(s.Scans);
        Assert.Equal(2, only.RestartMarkers);
        Assert.Equal(scan.Length, only.EntropyLength);
        Assert.Equal(1, s.RestartInterval);
        Assert.DoesNotContain(s.Markers, m => m.Name.StartsWith("RST", StringComparison.Ordinal));
    }

    [Fact]
    public void Restart_markers_out_of_order_are_reported()
    {
        var s = JpegStructureParser.Parse(Minimal([0x11, 0xFF, 0xD0, 0x22, 0xFF, 0xD5, 0x33]));
        Assert.Equal([JpegStructureIssueCodes.RestartOutOfOrder], Codes(s));
    }

    [Fact]
    public void Empty_and_foreign_data_have_no_soi()
    {
        Assert.Equal([JpegStructureIssueCodes.NoSoi], Codes(JpegStructureParser.Parse([])));
        Assert.Equal([JpegStructureIssueCodes.NoSoi], Codes(JpegStructureParser.Parse("\x89PNG\r\n"u8)));
        Assert.Equal([JpegStructureIssueCodes.NoSoi], Codes(JpegStructureParser.Parse([0xFF])));
    }

    [Fact]
    public void A_cut_off_scan_has_no_eoi()
    {
        var jpeg = Minimal();
        var s = JpegStructureParser.Parse(jpeg.AsSpan(0, jpeg.Length - 2));
        Assert.Equal([JpegStructureIssueCodes.NoEoi], Codes(s));
        Assert.False(s.HasEoi);
        Assert.True(s.HasErrors);
    }

    [Fact]
    public void A_segment_longer_than_the_file_is_truncated()
    {
        var jpeg = Minimal();
        var dqtAt = 2;
        var s = JpegStructureParser.Parse(jpeg.AsSpan(0, dqtAt + 20));
        Assert.Contains(JpegStructureIssueCodes.Truncated, Codes(s));
        Assert.Equal(dqtAt, s.Issues.First(i => i.Code == JpegStructureIssueCodes.Truncated).Offset);
        Assert.Contains("offset 2", s.Issues[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_length_below_two_is_a_bad_segment_length()
    {
        var s = JpegStructureParser.Parse(Concat(Soi, [0xFF, 0xE3, 0x00, 0x01], Eoi));
        Assert.Contains(JpegStructureIssueCodes.BadSegmentLength, Codes(s));
        Assert.True(s.HasEoi); // resynchronised on the next marker
    }

    [Fact]
    public void Invalid_tables_and_headers_have_their_codes()
    {
        Assert.Contains(JpegStructureIssueCodes.DqtInvalid, Codes(JpegStructureParser.Parse(Concat(Soi, Segment(0xDB, 0x24, 1, 2, 3), Eoi))));
        Assert.Contains(JpegStructureIssueCodes.DqtInvalid, Codes(JpegStructureParser.Parse(Concat(Soi, Segment(0xDB), Eoi))));
        Assert.Contains(JpegStructureIssueCodes.DqtZeroEntry, Codes(JpegStructureParser.Parse(Concat(Soi, Dqt(0, _ => 0), Eoi))));
        Assert.Contains(JpegStructureIssueCodes.DhtInvalid, Codes(JpegStructureParser.Parse(Concat(Soi, Segment(0xC4, 0x25, 1), Eoi))));
        Assert.Contains(JpegStructureIssueCodes.SofInvalid, Codes(JpegStructureParser.Parse(Concat(Soi, Segment(0xC0, 8, 0, 8, 0, 8, 3, 1, 0x11), Eoi))));
        Assert.Contains(JpegStructureIssueCodes.SosInvalid, Codes(JpegStructureParser.Parse(Concat(Soi, Sof(0xC0, 8, 8, (1, 1, 1, 0)), Segment(0xDA, 5, 1), Eoi))));
        Assert.Contains(JpegStructureIssueCodes.DriInvalid, Codes(JpegStructureParser.Parse(Concat(Soi, Segment(0xDD, 1), Eoi))));
        Assert.Contains(JpegStructureIssueCodes.DqtMissing, Codes(JpegStructureParser.Parse(Concat(Soi, Sof(0xC0, 8, 8, (1, 1, 1, 2)), Eoi))));
        var none = Codes(JpegStructureParser.Parse(Concat(Soi, Eoi)));
        Assert.Contains(JpegStructureIssueCodes.NoSof, none);
        Assert.Contains(JpegStructureIssueCodes.NoSos, none);
    }

    [Theory]
    [InlineData(0xC1, JpegProcess.ExtendedSequential, JpegEntropyCoding.Huffman, false)]
    [InlineData(0xC3, JpegProcess.Lossless, JpegEntropyCoding.Huffman, false)]
    [InlineData(0xC6, JpegProcess.Progressive, JpegEntropyCoding.Huffman, true)]
    [InlineData(0xC9, JpegProcess.ExtendedSequential, JpegEntropyCoding.Arithmetic, false)]
    [InlineData(0xCA, JpegProcess.Progressive, JpegEntropyCoding.Arithmetic, false)]
    [InlineData(0xCF, JpegProcess.Lossless, JpegEntropyCoding.Arithmetic, true)]
    public void Sof_type_follows_table_b1(byte marker, JpegProcess process, JpegEntropyCoding coding, bool differential)
    {
        var frame = JpegStructureParser.Parse(Concat(Soi, Sof(marker, 640, 480, (1, 1, 1, 0)), Eoi)).Frame!;
        Assert.Equal((process, coding, differential), (frame.Process, frame.Coding, frame.Differential));
        Assert.Equal((640, 480), (frame.Width, frame.Height));
    }

    [Fact]
    public void A_dnl_segment_supplies_a_height_of_zero()
    {
        var jpeg = Concat(Soi, Dqt(0, _ => 1), Sof(0xC0, 8, 0, (1, 1, 1, 0)), Dht(0, 0), Dht(1, 0), Sos(), [0x12, 0x34], Segment(0xDC, 0x01, 0x2C), Eoi);
        var s = JpegStructureParser.Parse(jpeg);
        Assert.Empty(s.Issues);
        Assert.Equal(300, s.Frame!.Height);
        Assert.Contains(s.Markers, m => m.Name == "DNL");
    }

    [Fact]
    public void Garbage_between_segments_is_skipped_and_reported()
    {
        var s = JpegStructureParser.Parse(Concat(Soi, [0x00, 0x01, 0x02], Minimal()[2..]));
        Assert.Equal([JpegStructureIssueCodes.UnexpectedData], Codes(s));
        Assert.Equal(2, s.Issues[0].Offset);
        Assert.True(s.HasEoi);
        Assert.NotNull(s.Frame);
    }

    [Fact]
    public void Fill_bytes_before_a_marker_are_allowed()
    {
        var s = JpegStructureParser.Parse(Concat(Soi, [0xFF, 0xFF, 0xFF], Minimal()[2..]));
        Assert.Empty(s.Issues);
    }

    [Fact]
    public void Bytes_after_eoi_are_counted_and_a_second_jpeg_recognised()
    {
        var first = Minimal();
        var s = JpegStructureParser.Parse(Concat(first, Minimal()));
        var trailer = Assert.IsType<TrailingData>(s.Trailer);
        Assert.Equal((first.Length, first.Length, true, first.Length), (trailer.Offset, trailer.Length, trailer.StartsWithSoi, trailer.EmbeddedJpegOffset));
        Assert.Equal([JpegStructureIssueCodes.TrailingData], Codes(s));
        Assert.False(s.HasErrors);
    }

    [Fact]
    public void A_jpeg_after_padding_is_found_in_the_trailer()
    {
        var first = Minimal();
        var s = JpegStructureParser.Parse(Concat(first, new byte[100], Minimal()));
        Assert.Equal((false, first.Length + 100), (s.Trailer!.StartsWithSoi, s.Trailer.EmbeddedJpegOffset));
        Assert.Equal(-1, JpegStructureParser.Parse(Concat(first, [0, 0, 0xFF, 0xD8])).Trailer!.EmbeddedJpegOffset);
    }

    [Fact]
    public void Marker_names_follow_table_b1()
    {
        Assert.Equal("SOF0", JpegMarker.NameOf(0xC0));
        Assert.Equal("SOF15", JpegMarker.NameOf(0xCF));
        Assert.Equal("DHT", JpegMarker.NameOf(0xC4));
        Assert.Equal("RST7", JpegMarker.NameOf(0xD7));
        Assert.Equal("APP14", JpegMarker.NameOf(0xEE));
        Assert.Equal("COM", JpegMarker.NameOf(0xFE));
        Assert.Equal("RES02", JpegMarker.NameOf(0x02));
    }

    [Fact]
    public void Issues_are_capped()
    {
        // Stray RST markers outside a scan, one issue each.
        var body = new byte[2 * 1000];
        for (var i = 0; i < body.Length; i += 2) { body[i] = 0xFF; body[i + 1] = 0xD0; }
        var s = JpegStructureParser.Parse(Concat(Soi, body, Eoi));
        Assert.Equal(JpegStructureParser.MaxIssues + 1, s.Issues.Count);
        Assert.Equal(JpegStructureIssueCodes.TooManyIssues, s.Issues[^1].Code);
    }

    [Fact]
    public void Stream_and_path_overloads_agree_with_the_span()
    {
        var jpeg = Minimal();
        using var dir = new Athar.TestSupport.TempDirectory("jpeg-structure");
        var path = dir.WriteFile("a.jpg", jpeg);
        using var stream = new MemoryStream(jpeg);
        var expected = JpegStructureParser.Parse(jpeg).Markers;
        Assert.Equal(expected, JpegStructureParser.Parse(path).Markers);
        Assert.Equal(expected, JpegStructureParser.Parse(stream).Markers);
    }
}
