namespace Athar.Imaging.Jpeg.Structure;

/// <summary>Whether a signature row comes from camera firmware or from editing software.</summary>
public enum SignatureSource
{
    Camera = 0,
    Software = 1,
    Unknown = 2,
}

/// <summary>One row of jpegsnoop-signatures.tsv. <see cref="Quality"/> is the source's text (often empty); <see cref="Subsampling"/> is luma H x V, e.g. "2x1".</summary>
public sealed record SignatureRow(SignatureSource Source, string Make, string Model, string Quality, string Signature, string SignatureRotated, string Subsampling);

/// <summary>
/// The JPEGsnoop signature table (shared/testdata/jpeg-signatures/jpegsnoop-signatures.tsv: a header line,
/// then kind, make, model, quality, signature, signature_rotated, subsampling, tab-separated).
/// </summary>
public sealed class SignatureTable
{
    private readonly Dictionary<string, List<SignatureRow>> _bySignature = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<SignatureRow> _rows = [];

    private SignatureTable() { }

    /// <summary>All rows in file order.</summary>
    public IReadOnlyList<SignatureRow> Rows => _rows;

    /// <summary>Lines that did not have seven fields and were skipped.</summary>
    public int SkippedLines { get; private set; }

    /// <summary>Reads the table at <paramref name="tsvPath"/>. I/O errors throw; malformed lines are counted in <see cref="SkippedLines"/>.</summary>
    public static SignatureTable Load(string tsvPath)
    {
        var table = new SignatureTable();
        var first = true;
        foreach (var line in File.ReadLines(tsvPath))
        {
            if (first) { first = false; if (line.StartsWith("kind\t", StringComparison.Ordinal)) continue; }
            if (line.Length == 0) continue;
            var f = line.Split('\t');
            if (f.Length != 7) { table.SkippedLines++; continue; }
            var source = f[0] switch { "cam" => SignatureSource.Camera, "sw" => SignatureSource.Software, _ => SignatureSource.Unknown };
            table.Add(new SignatureRow(source, f[1], f[2], f[3], f[4], f[5], f[6]));
        }
        return table;
    }

    private void Add(SignatureRow row)
    {
        _rows.Add(row);
        AddKey(row.Signature, row);
        if (!string.Equals(row.SignatureRotated, row.Signature, StringComparison.OrdinalIgnoreCase)) AddKey(row.SignatureRotated, row);
    }

    private void AddKey(string key, SignatureRow row)
    {
        if (key.Length == 0) return;
        if (!_bySignature.TryGetValue(key, out var list)) _bySignature[key] = list = [];
        list.Add(row);
    }

    /// <summary>Every row whose signature or rotated signature equals <paramref name="signature"/> (case-insensitive); empty when none.</summary>
    public IReadOnlyList<SignatureRow> Lookup(string signature)
        => _bySignature.TryGetValue(signature, out var rows) ? rows : [];

    /// <summary>Every row that matches either the file's signature or its rotated form, without duplicates.</summary>
    public IReadOnlyList<SignatureRow> Lookup(JpegSnoopSignature signature)
    {
        var direct = Lookup(signature.Signature);
        var rotated = Lookup(signature.Rotated);
        if (rotated.Count == 0) return direct;
        if (direct.Count == 0) return rotated;
        var all = new List<SignatureRow>(direct);
        foreach (var row in rotated) if (!all.Contains(row)) all.Add(row);
        return all;
    }
}
