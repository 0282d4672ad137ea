using System.IO.Compression;
using Athar.Imaging.Jpeg.Structure;

namespace Athar.Forensics.Analyzers;

/// <summary>One known writer of a quantisation-table signature.</summary>
public sealed record SignatureWriter(SignatureSource Source, string Make, string Model);

/// <summary>
/// The JPEGsnoop signature table embedded in this assembly (CompressionSignatures.tsv.gz; provenance in
/// CompressionSignatures.README.md), loaded once on first use. Lookup is by signature or rotated signature.
/// </summary>
public static class CompressionSignatureTable
{
    private const string ResourceName = "Athar.Forensics.CompressionSignatures.tsv.gz";
    private static readonly Lazy<Dictionary<string, List<SignatureWriter>>> Table = new(Load);

    /// <summary>Number of distinct signatures (direct and rotated) in the table.</summary>
    public static int Count => Table.Value.Count;

    /// <summary>Every writer whose signature or rotated signature equals the file's signature or its rotated form, without duplicates.</summary>
    public static IReadOnlyList<SignatureWriter> Lookup(JpegSnoopSignature signature)
    {
        var found = new List<SignatureWriter>();
        foreach (var key in new[] { signature.Signature, signature.Rotated })
            if (Table.Value.TryGetValue(key, out var writers))
                foreach (var w in writers) if (!found.Contains(w)) found.Add(w);
        return found;
    }

    private static Dictionary<string, List<SignatureWriter>> Load()
    {
        using var resource = typeof(CompressionSignatureTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from Athar.Forensics");
        using var gzip = new GZipStream(resource, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var table = new Dictionary<string, List<SignatureWriter>>(StringComparer.OrdinalIgnoreCase);
        reader.ReadLine(); // header
        while (reader.ReadLine() is { } line)
        {
            var f = line.Split('\t');
            if (f.Length != 5) continue;
            var source = f[0] switch { "cam" => SignatureSource.Camera, "sw" => SignatureSource.Software, _ => SignatureSource.Unknown };
            var writer = new SignatureWriter(source, f[1].Trim(), f[2].Trim());
            Add(table, f[3], writer);
            if (!string.Equals(f[3], f[4], StringComparison.OrdinalIgnoreCase)) Add(table, f[4], writer);
        }
        return table;
    }

    private static void Add(Dictionary<string, List<SignatureWriter>> table, string key, SignatureWriter writer)
    {
        if (key.Length == 0) return;
        if (!table.TryGetValue(key, out var list)) table[key] = list = [];
        if (!list.Contains(writer)) list.Add(writer);
    }

    /// <summary>
    /// True for software rows that name a JPEG codec library or framework rather than an editing program
    /// (JPEGsnoop lists them as software, but device firmware links the same libraries): IJG, Apple
    /// ImageIO and QuickTime, LEAD Technologies, The JPEG Wizard.
    /// </summary>
    public static bool IsCodecLibrary(SignatureWriter writer)
        => writer.Source == SignatureSource.Software
           && (writer.Make.Contains("IJG", StringComparison.OrdinalIgnoreCase) || writer.Make.Contains("ImageIO", StringComparison.OrdinalIgnoreCase)
               || writer.Make.Contains("Quicktime", StringComparison.OrdinalIgnoreCase) || writer.Make.Contains("LEAD Technologies", StringComparison.OrdinalIgnoreCase)
               || writer.Make.Contains("JPEG Wizard", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Brands that sold many cameras built by other makers under their own name (OEM bodies), so another
    /// maker's tables in their files are expected. HP bought most PhotoSmart bodies from camera makers (the
    /// test set's genuine HP PhotoSmart 735 carries tables JPEGsnoop lists only for Sony cameras); Vivitar,
    /// Polaroid, Concord, Jenoptik, Medion, Praktica, Rollei, Aiptek, Mustek and AgfaPhoto mostly sold compacts
    /// made by contract manufacturers. Their mismatches are notices, not warnings: the evidence is weak.
    /// </summary>
    public static bool SellsOemBodies(string family) => OemBrands.Contains(family);

    private static readonly HashSet<string> OemBrands = new(StringComparer.Ordinal)
    {
        "hp", "vivitar", "polaroid", "concord", "jenoptik", "medion", "praktica", "rollei", "aiptek", "mustek", "agfa", "agfaphoto",
    };

    /// <summary>Whether the table lists any camera of this maker family.</summary>
    public static bool KnowsCameraMake(string family) => CameraFamilies.Value.Contains(family);

    private static readonly Lazy<HashSet<string>> CameraFamilies = new(() =>
    [.. Table.Value.Values.SelectMany(l => l).Where(w => w.Source == SignatureSource.Camera).Select(w => MakeFamily(w.Make)).OfType<string>()]);

    /// <summary>
    /// A maker's family name for comparing EXIF Make with the table's make ("EASTMAN KODAK COMPANY" and
    /// "Kodak" are one maker; Leica bodies are rebadged Panasonics and share their tables). Null for blank input.
    /// </summary>
    public static string? MakeFamily(string? make)
    {
        if (string.IsNullOrWhiteSpace(make)) return null;
        var m = make.Trim().ToLowerInvariant();
        (string Needle, string Family)[] families =
        [
            ("fuji", "fujifilm"), ("nikon", "nikon"), ("panasonic", "panasonic"), ("leica", "panasonic"), ("olympus", "olympus"),
            ("sony", "sony"), ("canon", "canon"), ("pentax", "pentax"), ("asahi", "pentax"), ("kodak", "kodak"), ("casio", "casio"),
            ("samsung", "samsung"), ("ricoh", "ricoh"), ("epson", "epson"), ("minolta", "minolta"), ("konica", "konica"),
            ("hewlett", "hp"), ("sigma", "sigma"), ("research in motion", "blackberry"), ("blackberry", "blackberry"),
            ("nokia", "nokia"), ("kyocera", "kyocera"), ("apple", "apple"), ("sanyo", "sanyo"), ("jvc", "jvc"),
        ];
        foreach (var (needle, family) in families) if (m.Contains(needle, StringComparison.Ordinal)) return family;
        var end = m.IndexOfAny([' ', ',', '.']);
        return end > 0 ? m[..end] : m;
    }
}
