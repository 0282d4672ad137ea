using Athar.Cards.Digits;
using Athar.Cards.Reading;
using Athar.Imaging.Digits;
using Athar.Cases.Model;
using Athar.Synth.Output;
using CasesReading = Athar.Cases.Grouping.CardReading;

namespace Athar.CaseEval;

/// <summary>Card reading against ground truth, photo by photo: digit accuracy on held-out MNIST, exact-read rate per number.</summary>
internal static class CardEval
{
    public static readonly string[] Roles = [CardRole.Detainee, CardRole.Branch, CardRole.Report];

    private static readonly Lazy<MnistSet> s_heldOut = new(() =>
    {
        using var stream = typeof(CardEval).Assembly.GetManifestResourceStream("mnist-heldout.bin.gz")!;
        return MnistSet.Load(stream, gzipped: true);
    });

    /// <summary>The held-out MNIST half (Athar.Synth's rendering half), read once.</summary>
    public static MnistSet HeldOut => s_heldOut.Value;

    /// <summary>
    /// The recogniser measured: the committed one, or the weights files named by <c>--weights</c>, averaged as the
    /// committed ones are, so a candidate set is measured per case by the same code that will ship it.
    /// </summary>
    public static DigitClassifier Classifier { get; private set; } = DigitClassifier.Default;

    /// <summary>The card reader over <see cref="Classifier"/>.</summary>
    public static CardReader Reader { get; private set; } = CardReader.Default;

    public static void UseWeights(IEnumerable<string> files)
    {
        var members = files.Select(f =>
        {
            using var stream = File.OpenRead(f);
            return DigitClassifier.Load(stream);
        }).ToArray();
        Classifier = DigitClassifier.Average(members);
        Reader = new CardReader(Classifier);
    }

    public static double DigitAccuracy(out int right, out int total)
    {
        var set = HeldOut;
        right = 0;
        total = set.Total;
        Span<float> probabilities = stackalloc float[10];
        for (var d = 0; d < 10; d++)
            for (var i = 0; i < set.Count(d); i++)
                if (Classifier.Classify(set.Sample(d, i), probabilities) == d) right++;
        return (double)right / total;
    }

    public sealed record Result(int Photos, int Found, int[] Exact, int AllExact, IReadOnlyList<string> Misreads);

    /// <summary>The photos that show a card: camera originals of a case (copies and near-duplicates are not counted again).</summary>
    public static bool IsCardPhoto(GroundTruthFile file) => file.Kind == "original" && file.Case is not null && file.CardQuad is not null;

    /// <summary>Compares each card photo's recorded reading, line by line, with its case's card: all digits right, nothing confirmed.</summary>
    public static Result PerPhoto(GroundTruth truth, IReadOnlyList<ArchiveItem> items)
    {
        var cards = truth.Cases.ToDictionary(c => c.Id, c => c.Card);
        var exact = new int[3];
        int photos = 0, found = 0, allExact = 0;
        var misreads = new List<string>();
        foreach (var item in items)
        {
            var reading = CasesReading.FromJson(item.Card);
            foreach (var file in item.Files.Where(IsCardPhoto))
            {
                photos++;
                var card = cards[file.Case!];
                string[] want = [card.Detainee, card.Branch, card.Report];
                if (!reading.Found)
                {
                    misreads.Add($"{file.Path}: not found");
                    continue;
                }
                found++;
                var all = true;
                for (var line = 0; line < 3; line++)
                {
                    if (reading.Line(Roles[line])?.Text == want[line]) exact[line]++;
                    else all = false;
                }
                if (all) allExact++;
                else misreads.Add($"{file.Path}: read {string.Join(" ", Roles.Select(r => reading.Line(r)?.Text is { Length: > 0 } t ? t : "-"))}, card {string.Join(" ", want)}");
            }
        }
        return new Result(photos, found, exact, allExact, [.. misreads.Order(StringComparer.Ordinal)]);
    }
}
