namespace Athar.Imaging.Jpeg.Structure;

/// <summary>
/// One marker as it appears in the file: its code (the byte after FF), name, offset of the FF and the length
/// of the marker plus its segment (2 for stand-alone markers such as SOI; for SOS the header only, the
/// entropy-coded data is described by <see cref="JpegScan"/>).
/// </summary>
public readonly record struct JpegMarker(byte Code, string Name, int Offset, int Length)
{
    /// <summary>The conventional name of a marker code (T.81 Table B.1), e.g. "SOF2", "APP1", "RST3".</summary>
    public static string NameOf(byte code) => s_names[code];

    private static readonly string[] s_names = BuildNames();

    private static string[] BuildNames()
    {
        var names = new string[256];
        for (var i = 0; i < 256; i++) names[i] = $"RES{i:X2}";
        names[0x01] = "TEM";
        for (var i = 0; i < 16; i++) if (i is not (4 or 8 or 12)) names[0xC0 + i] = $"SOF{i}";
        names[0xC4] = "DHT";
        names[0xC8] = "JPG";
        names[0xCC] = "DAC";
        for (var i = 0; i < 8; i++) names[0xD0 + i] = $"RST{i}";
        names[0xD8] = "SOI";
        names[0xD9] = "EOI";
        names[0xDA] = "SOS";
        names[0xDB] = "DQT";
        names[0xDC] = "DNL";
        names[0xDD] = "DRI";
        names[0xDE] = "DHP";
        names[0xDF] = "EXP";
        for (var i = 0; i < 16; i++) names[0xE0 + i] = $"APP{i}";
        for (var i = 0; i < 14; i++) names[0xF0 + i] = $"JPG{i}";
        names[0xFE] = "COM";
        return names;
    }
}
