using Athar.Forensics.Pdq;
using Athar.TestSupport;

namespace Athar.Forensics.Tests.Pdq;

/// <summary>
/// pdq/expected-reference.csv: the reference hasher's output (path, hash, quality) for every image of the
/// PDQ test set, as named in ../shared/testdata/README.md.
/// </summary>
internal static class PdqReferenceData
{
    internal sealed record Row(string Path, PdqHash Hash, int Quality)
    {
        public string FullPath => System.IO.Path.Combine(TestData.Pdq, Path);
    }

    /// <summary>The rows, or none when the test data is absent (the tests then skip through TestData).</summary>
    public static IReadOnlyList<Row> Rows { get; } = Load();

    /// <summary>The paths, for theories; one placeholder when the data is absent so the theory runs and skips.</summary>
    public static TheoryData<string> Paths(int minimumQuality)
    {
        var data = new TheoryData<string>();
        foreach (var row in Rows)
        {
            if (row.Quality >= minimumQuality) data.Add(row.Path);
        }
        if (data.Count == 0) data.Add("(pdq test data missing)");
        return data;
    }

    public static Row Get(string path)
    {
        _ = TestData.Pdq; // skips (fails on CI) when the folder is missing
        return Rows.Single(r => r.Path == path);
    }

    private static List<Row> Load()
    {
        var csv = System.IO.Path.Combine(TestData.Root, "pdq", "expected-reference.csv");
        if (!File.Exists(csv)) return [];
        return File.ReadLines(csv).Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var parts = line.Split(',');
            return new Row(parts[0], PdqHash.Parse(parts[1]), int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
        }).ToList();
    }
}
