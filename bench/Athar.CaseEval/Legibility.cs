using Athar.Cards.Digits;
using Athar.Synth.Output;

namespace Athar.CaseEval;

/// <summary>
/// What the synthetic cards allow any reader to get right, from the ground truth's <c>cardDigits</c>
/// (docs/cards.md, "What the archive allows"):
/// - a number is <b>legible</b> when every one of its digits was drawn and less than half of each digit's ink lies
///   under the case's cover, which is the same in all its photos: a digit mostly covered is in no photo;
/// - a legible number is <b>clean-readable</b> when the recogniser also reads every digit right as the clean
///   28x28 MNIST image it was drawn from. A digit it misreads there is a badly written digit, drawn the same way
///   in every photo of the case. The share was meant as an estimate of the ceiling the recogniser leaves, but it is
///   no bound: card reader version 8 reads more legible numbers right than this share, because a digit misread
///   clean is often read right on a card, blurred and cut again, in some photo.
/// </summary>
internal static class Legibility
{
    /// <summary>A digit with at least this share of its ink under the cover counts as hidden.</summary>
    public const double HiddenShare = 0.5;

    /// <summary>Null when the ground truth predates <c>cardDigits</c>.</summary>
    public static bool? Legible(GroundTruthCase c, int line, string number)
    {
        if (c.CardDigits is not { Count: 3 } lines) return null;
        var digits = lines[line];
        if (digits.Count != number.Length) return false;
        foreach (var digit in digits) if (digit.Covered >= HiddenShare) return false;
        return true;
    }

    /// <summary>
    /// Per line, how many of the cases with a card photo are clean-readable, and how many cases there are: what a set of
    /// weights could read at best, counted in seconds without reading a photo (<c>--clean-readable</c>).
    /// </summary>
    public static (int[] Readable, int Cases) CountCleanReadable(GroundTruth truth)
    {
        var withCard = truth.Files.Where(CardEval.IsCardPhoto).Select(f => f.Case).ToHashSet(StringComparer.Ordinal);
        var readable = new int[3];
        var cases = 0;
        foreach (var c in truth.Cases)
        {
            if (!withCard.Contains(c.Id)) continue;
            cases++;
            string[] numbers = [c.Card.Detainee, c.Card.Branch, c.Card.Report];
            for (var line = 0; line < 3; line++)
                if (CleanReadable(c, line, numbers[line])) readable[line]++;
        }
        return (readable, cases);
    }

    public static bool CleanReadable(GroundTruthCase c, int line, string number)
    {
        if (Legible(c, line, number) != true) return false;
        Span<float> probabilities = stackalloc float[DigitNetwork.Classes];
        var digits = c.CardDigits![line];
        for (var k = 0; k < number.Length; k++)
        {
            var d = number[k] - '0';
            var index = digits[k].Sample - CardEval.HeldOut.FirstPackageIndex(d);
            if ((uint)index >= (uint)CardEval.HeldOut.Count(d)) throw new InvalidDataException($"{c.Id}: digit {d} sample {digits[k].Sample} is not in the held-out half");
            if (CardEval.Classifier.Classify(CardEval.HeldOut.Sample(d, index), probabilities) != d) return false;
        }
        return true;
    }
}
