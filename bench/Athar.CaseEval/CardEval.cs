using System.Collections.Concurrent;
using System.Diagnostics;
using Athar.Cards.Digits;
using Athar.Cards.Reading;
using Athar.Synth.Output;

namespace Athar.CaseEval;

/// <summary>Card reading against ground truth: digit accuracy on held-out MNIST, exact-read rate per number, time per photo.</summary>
internal static class CardEval
{
    public static double DigitAccuracy(out int right, out int total)
    {
        using var stream = typeof(CardEval).Assembly.GetManifestResourceStream("mnist-heldout.bin.gz")!;
        var set = MnistSet.Load(stream, gzipped: true);
        right = 0;
        total = set.Total;
        Span<float> probabilities = stackalloc float[10];
        for (var d = 0; d < 10; d++)
            for (var i = 0; i < set.Count(d); i++)
                if (DigitClassifier.Default.Classify(set.Sample(d, i), probabilities) == d) right++;
        return (double)right / total;
    }

    public sealed record Result(int Photos, int Found, int[] Exact, int AllExact, double SecondsPerPhoto, IReadOnlyList<string> Misreads);

    /// <summary>Reads every original that shows a card (files of a case) and compares each line with the case's card.</summary>
    public static Result ReadArchive(string root, GroundTruth truth, int parallelism, string? dumpDirectory)
    {
        var cards = truth.Cases.ToDictionary(c => c.Id, c => c.Card);
        var photos = truth.Files.Where(f => f.Kind == "original" && f.Case is not null && f.CardQuad is not null).ToList();
        var exact = new int[3];
        int found = 0, allExact = 0;
        var misreads = new ConcurrentBag<string>();
        if (dumpDirectory is not null) Directory.CreateDirectory(dumpDirectory);
        var readTicks = 0L;
        var wall = Stopwatch.StartNew();
        Parallel.ForEach(photos, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, file =>
        {
            var bytes = File.ReadAllBytes(Path.Combine(root, file.Path));
            var start = Stopwatch.GetTimestamp();
            var reading = CardReader.Default.Read(bytes);
            Interlocked.Add(ref readTicks, Stopwatch.GetTimestamp() - start);
            var card = cards[file.Case!];
            string[] want = [card.Detainee, card.Branch, card.Report];
            if (!reading.Found)
            {
                misreads.Add($"{file.Path}: not found ({reading.Reason})");
                return;
            }
            Interlocked.Increment(ref found);
            var all = true;
            for (var line = 0; line < 3; line++)
            {
                if (reading.Lines[line].Text == want[line]) Interlocked.Increment(ref exact[line]);
                else all = false;
            }
            if (all) Interlocked.Increment(ref allExact);
            else
            {
                var got = string.Join(" ", reading.Lines.Select(l => l.Text.Length == 0 ? "-" : l.Text));
                misreads.Add($"{file.Path}: read {got}, card {string.Join(" ", want)}");
                if (dumpDirectory is not null && reading.Crop is not null)
                    File.WriteAllBytes(Path.Combine(dumpDirectory, file.Path.Replace('/', '_') + ".card.jpg"), reading.Crop.ToJpeg());
            }
        });
        wall.Stop();
        var seconds = (double)readTicks / Stopwatch.Frequency;
        return new Result(photos.Count, found, exact, allExact, seconds / Math.Max(1, photos.Count), [.. misreads.Order()]);
    }
}
