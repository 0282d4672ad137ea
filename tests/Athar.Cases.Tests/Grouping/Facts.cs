using Athar.Cases.Grouping;
using Athar.Cases.Model;

namespace Athar.Cases.Tests.Grouping;

/// <summary>Constructed photo facts: a camera shooting bodies, with the knobs the grouping tests turn.</summary>
internal static class Facts
{
    public static readonly DateTime Start = new(2012, 3, 4, 8, 0, 0);

    private static long _intake;

    public static PhotoFacts Photo(string id, string? camera = "NIKON|COOLPIX P50|3001", long? file = null, DateTime? time = null,
        ulong[]? pdq = null, CardReading? card = null, string? folder = "sd-1/DCIM/100NIKON") =>
        new(id, camera, file, file is null ? null : folder, time, pdq, card, Interlocked.Increment(ref _intake));

    /// <summary>A reading of a card with every digit at <paramref name="confidence"/>.</summary>
    public static CardReading Card(string detainee, string branch, string report, double confidence = 0.95) =>
        Card(detainee, confidence, branch, confidence, report, confidence);

    /// <summary>A reading whose lines were read at different confidences (each line's digits alike).</summary>
    public static CardReading Card(string detainee, double d, string branch, double b, string report, double r) =>
        new(true, [Line(CardRole.Detainee, detainee, d), Line(CardRole.Branch, branch, b), Line(CardRole.Report, report, r)], Math.Min(d, Math.Min(b, r)));

    public static CardLine Line(string role, string text, double confidence) => new(role, text, [.. text.Select(c => new ReadDigit(c - '0', confidence))]);

    /// <summary>A PDQ hash: <paramref name="seed"/> picks a random-looking base; <paramref name="flips"/> low bits flipped from it.</summary>
    public static ulong[] Pdq(int seed, int flips = 0)
    {
        var random = new Random(seed);
        var words = new ulong[4];
        for (var i = 0; i < 4; i++) words[i] = (ulong)random.NextInt64();
        for (var b = 0; b < flips; b++) words[b / 64] ^= 1UL << (b % 64);
        return words;
    }

    /// <summary>
    /// One camera shooting <paramref name="bodies"/> bodies of <paramref name="photos"/> photos each: shots
    /// <paramref name="within"/> apart, bodies <paramref name="between"/> apart, file numbers from <paramref name="firstFile"/>.
    /// Ids are "b{body}-p{photo}" plus <paramref name="tag"/>.
    /// </summary>
    public static List<PhotoFacts> Shoot(int bodies, int photos, TimeSpan within, TimeSpan between, string camera = "NIKON|COOLPIX P50|3001",
        long firstFile = 1000001, DateTime? start = null, string tag = "")
    {
        var list = new List<PhotoFacts>();
        var time = start ?? Start;
        var file = firstFile;
        for (var b = 0; b < bodies; b++)
        {
            if (b > 0) time += between;
            for (var p = 0; p < photos; p++)
            {
                if (p > 0) time += within + TimeSpan.FromSeconds((p * 7 + b * 3) % 11);
                list.Add(Photo($"b{b}-p{p}{tag}", camera, file++, time));
            }
        }
        return list;
    }

    /// <summary>The cases as lists of ids, for comparing with what a test expects.</summary>
    public static List<string[]> Ids(GroupingResult result) => [.. result.Cases.Select(c => c.Items.ToArray())];
}
