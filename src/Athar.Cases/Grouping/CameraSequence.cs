using Athar.Cases.Model;

namespace Athar.Cases.Grouping;

/// <summary>
/// One camera's photos in shooting order, cut into bodies. Boundaries are judged between consecutive photos
/// that have a capture time; photos without one are then put with the neighbour they belong to.
/// </summary>
internal sealed class CameraSequence(List<PhotoFacts> ordered, double thresholdSeconds, GroupingOptions options)
{
    internal enum Verdict { Same, New }

    public List<List<PhotoFacts>> Split()
    {
        var timed = ordered.Where(p => p.Time is not null).ToList();
        var gaps = Gaps(timed);
        var runs = new List<List<PhotoFacts>>();
        for (var i = 0; i < timed.Count; i++)
        {
            if (i == 0 || Judge(timed[i - 1], timed[i], gaps[i], CardsChange(timed, i, gaps)) == Verdict.New) runs.Add([]);
            runs[^1].Add(timed[i]);
        }
        if (timed.Count == 0)
        {
            // No times at all on this camera: file numbers, cards and PDQ only.
            for (var i = 0; i < ordered.Count; i++)
            {
                if (i == 0 || Judge(ordered[i - 1], ordered[i], null, CardsChange(ordered, i, null)) == Verdict.New) runs.Add([]);
                runs[^1].Add(ordered[i]);
            }
            return runs;
        }
        PlaceUntimed(runs);
        return runs;
    }

    /// <summary>
    /// Gap before each timed photo, in seconds (index 0 unused). A clock reset shows as a jump back (the camera
    /// writes 2000-01-01 or its default date) and later a jump forward when the clock is set again; the file
    /// numbers run on. For such a pair the two unknown real gaps add up to (time after the forward jump − time
    /// before the back jump) − (time span inside the reset), so each is at most that: if the bound is short,
    /// both are short. Without a forward jump the gap stays unknown (null).
    /// </summary>
    private double?[] Gaps(List<PhotoFacts> timed)
    {
        var gaps = new double?[timed.Count];
        for (var i = 1; i < timed.Count; i++) gaps[i] = (timed[i].Time!.Value - timed[i - 1].Time!.Value).TotalSeconds;
        for (var i = 1; i < timed.Count; i++)
        {
            if (gaps[i] >= 0) continue;
            gaps[i] = null;
            for (var j = i + 1; j < timed.Count; j++)
            {
                if (gaps[j] is not { } forward || forward < 0) break;
                if (forward < options.NeverWithinBody.TotalSeconds) continue;
                var bound = (timed[j].Time!.Value - timed[i - 1].Time!.Value).TotalSeconds - (timed[j - 1].Time!.Value - timed[i].Time!.Value).TotalSeconds;
                if (bound >= 0 && bound <= thresholdSeconds) gaps[i] = gaps[j] = bound;
                break;
            }
        }
        return gaps;
    }

    /// <summary>How firmly the card changes between two consecutive photos.</summary>
    internal enum CardChange
    {
        /// <summary>The readings do not disagree, or nothing bears the disagreement out.</summary>
        None,
        /// <summary>Each side is borne out by a neighbour (<see cref="CardsChange"/>): a new body where the gap leaves room for one.</summary>
        Borne,
        /// <summary>
        /// Each side's reading is read the same in a neighbour on its side, and the old card is not read again in the
        /// next <see cref="ConfirmWindow"/> photos (nor the new one in as many before): a new body at any gap.
        /// </summary>
        Confirmed,
    }

    /// <summary>How far a confirmed change looks for the old card coming back: further than two misread photos in a row.</summary>
    private const int ConfirmWindow = 5;

    /// <summary>
    /// The card changes between photos i − 1 and i: their readings disagree, and each side is borne out by a
    /// neighbour on its own side (the photo before i − 1 or the one before that agrees with it, or it is the first;
    /// likewise after i), and neither card comes back on the other side within two photos. A single misread photo
    /// agrees with neither neighbour, so it splits nothing. The change is confirmed when both sides are borne out by
    /// agreement and neither card comes back within <see cref="ConfirmWindow"/> photos.
    /// </summary>
    private CardChange CardsChange(List<PhotoFacts> photos, int i, double?[]? gaps)
    {
        bool Seen(int k) => k >= 0 && k < photos.Count && photos[k].Card is { Found: true } card && CanDecide(card);
        if (Seen(i - 1) && Seen(i)) return CardsChange(photos, i - 1, i);
        // One photo without a card (none found: a close-up, a shadow; or read too weakly to decide anything) between two
        // with one would otherwise join two bodies whatever their cards say (grouping versions 6 and 7). The change is
        // judged across it and put at the larger of its two gaps: a body's first or last photo is nearer in time to
        // that body's others.
        if (gaps is null) return CardChange.None;
        if (Seen(i) && !Seen(i - 1) && Seen(i - 2)) return gaps[i] >= gaps[i - 1] ? CardsChange(photos, i - 2, i) : CardChange.None;
        if (!Seen(i) && Seen(i - 1) && Seen(i + 1)) return gaps[i] > gaps[i + 1] ? CardsChange(photos, i - 1, i + 1) : CardChange.None;
        return CardChange.None;
    }

    /// <summary>
    /// Whether the card can ever give a verdict in <see cref="CompareCards"/>: that takes two lines read at
    /// <see cref="GroupingOptions.WeakCardLineConfidence"/> or more. A photo whose card is found but read weaker than
    /// that (`2143` at 0.17, `26` at 0.3, `31` at 0.74) compares undecided with every neighbour, as if no card were
    /// found (grouping version 7).
    /// </summary>
    private bool CanDecide(CardReading card)
    {
        var lines = 0;
        foreach (var role in CardRole.All)
            if (card.Line(role) is { } line && Counts(line)) lines++;
        return lines >= 2;
    }

    /// <summary>A line read at <see cref="GroupingOptions.WeakCardLineConfidence"/> or more: below it, a line counts in no comparison.</summary>
    private bool Counts(CardLine line) => line.Confidence >= options.WeakCardLineConfidence;

    /// <summary>The change between the photos <paramref name="before"/> and <paramref name="i"/>, both with a card found.</summary>
    private CardChange CardsChange(List<PhotoFacts> photos, int before, int i)
    {
        if (CompareCards(photos[before], photos[i]) != Verdict.New) return CardChange.None;
        // Borne out: a neighbour on at's side agrees with at, or at least disagrees with the card across the
        // boundary as at does. The first photos of a body are often read with a digit or two wrong each, so they
        // need not agree with one another; a misread photo inside a body is betrayed by its neighbour agreeing
        // with the card on the other side, never disagreeing with it.
        bool Neighbour(int at, int step, Func<PhotoFacts, bool> test)
        {
            for (var k = at + step; k >= 0 && k < photos.Count && Math.Abs(k - at) <= 2; k += step)
                if (photos[k].Card is { Found: true } && test(photos[k])) return true;
            return false;
        }
        bool Agreed(int at, int step) => Neighbour(at, step, p => CompareCards(photos[at], p) == Verdict.Same);
        bool Borne(int at, int step)
        {
            var across = at == i ? before : i;
            return Agreed(at, step) || Neighbour(at, step, p => CompareCards(photos[across], p) == Verdict.New)
                || !Neighbour(at, step, _ => true);
        }
        // A new body never shows the old card again: if a photo just after the boundary agrees with the photo
        // before it (or one just before agrees with the photo after it), the reader misread every other photo of
        // one card (on 2,000 synthetic photos an 18-photo body read 6983/2457 with two photos read 6183/2957 was
        // cut in two).
        bool Returns(int at, int step, int window)
        {
            for (var k = at + step; k >= 0 && k < photos.Count && Math.Abs(k - at) <= window; k += step)
                if (CompareCards(photos[at], photos[k]) == Verdict.Same) return true;
            return false;
        }
        if (Returns(before, +1, 2) || Returns(i, -1, 2)) return CardChange.None;
        if (!Borne(before, -1) || !Borne(i, +1)) return CardChange.None;
        var confirmed = Agreed(before, -1) && Agreed(i, +1) && !Returns(before, +1, ConfirmWindow) && !Returns(i, -1, ConfirmWindow);
        return confirmed ? CardChange.Confirmed : CardChange.Borne;
    }

    internal Verdict Judge(PhotoFacts a, PhotoFacts b, double? gap, CardChange cardsChange)
    {
        // Agreeing cards keep a body together across any pause. Disagreeing cards split only where the gap leaves
        // room for a new body: the reader misreads now and then, while a body and its card are rarely changed in under
        // half the camera's threshold (on 2,000 synthetic photos at 1600x1200, letting every disagreement split
        // cut recall to 0.79). A confirmed change splits at any gap: two bodies side by side are photographed one
        // after the other, and each card read the same in two photos on its own side is no misread (grouping
        // version 4: on 2,000 synthetic photos, two bodies 136 s apart, each card read alike in 12 and 19 photos,
        // were one case).
        if (CompareCards(a, b) == Verdict.Same) return Verdict.Same;
        if (gap >= options.NeverWithinBody.TotalSeconds) return Verdict.New;
        if (cardsChange == CardChange.Confirmed) return Verdict.New;
        if (cardsChange == CardChange.Borne && (gap is null || gap > thresholdSeconds / options.UnsureFactor)) return Verdict.New;
        var lookAlike = a.PdqDistance(b) <= options.PdqSameScene;
        if (gap is > 0)
        {
            if (gap <= thresholdSeconds) return Verdict.Same;
            // Just past the threshold, two photos of the very same scene are still one body.
            return gap < thresholdSeconds * options.UnsureFactor && lookAlike ? Verdict.Same : Verdict.New;
        }
        // No usable gap (a clock reset or no time): only a near-identical scene keeps the two together.
        return lookAlike ? Verdict.Same : Verdict.New;
    }

    /// <summary>
    /// Same body when at least two lines were read confidently on both cards and agree, and none disagrees;
    /// a new body when two or more disagree. One disagreeing line is more likely a misread digit than a new
    /// body (two bodies' cards differ in the detainee and report numbers), so it decides nothing. Two readings of a
    /// line one digit longer or shorter than the other (edit distance 1 by an insertion or deletion: a digit lost
    /// under a cover or in shadow, or a stroke cut into two) neither agree nor disagree: it is the reader's
    /// commonest mistake within a body. A one-digit substitution still disagrees, because numbers given in sequence
    /// (report 3456, then 3457) are that close on two bodies photographed one after the other. A line counts when
    /// both readings reach <see cref="GroupingOptions.CardLineConfidence"/>; a weaker one, down to
    /// <see cref="GroupingOptions.WeakCardLineConfidence"/>, counts only as differing, and only by two digits or more.
    /// </summary>
    internal Verdict? CompareCards(PhotoFacts a, PhotoFacts b)
    {
        if (a.Card is not { Found: true } ca || b.Card is not { Found: true } cb) return null;
        int agree = 0, differ = 0, close = 0;
        foreach (var role in CardRole.All)
        {
            if (ca.Line(role) is not { } la || cb.Line(role) is not { } lb || !Counts(la) || !Counts(lb)) continue;
            var weakest = Math.Min(la.Confidence, lb.Confidence);
            var distance = DigitEditDistance(la.Text, lb.Text);
            // Weak readings of one card differ by a misread digit; two digits are rarely both misread (docs/cases.md, version 5).
            if (weakest < options.CardLineConfidence && distance < 2) continue;
            if (distance == 0) agree++;
            else if (distance == 1 && la.Text.Length != lb.Text.Length) close++;
            else differ++;
        }
        if (differ >= 2) return Verdict.New;
        if (agree >= 2 && differ == 0 && close == 0) return Verdict.Same;
        return null;
    }

    /// <summary>Levenshtein distance between two short digit strings (a card line has at most a handful of digits).</summary>
    internal static int DigitEditDistance(string a, string b)
    {
        if (a.Length > 32 || b.Length > 32) return a == b ? 0 : Math.Max(a.Length, b.Length);
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            current.CopyTo(previous);
        }
        return previous[b.Length];
    }

    // An untimed photo between two photos of one body belongs to it; between two bodies it goes to the side
    // its card agrees with, else the side it looks more like, else the earlier body (its file number follows it).
    private void PlaceUntimed(List<List<PhotoFacts>> runs)
    {
        var runOf = new Dictionary<PhotoFacts, int>(ReferenceEqualityComparer.Instance);
        for (var r = 0; r < runs.Count; r++) foreach (var p in runs[r]) runOf[p] = r;
        var pending = new List<PhotoFacts>();
        PhotoFacts? previous = null;
        foreach (var photo in ordered.Append(null))
        {
            if (photo is not null && photo.Time is null) { pending.Add(photo); continue; }
            foreach (var untimed in pending)
            {
                var target = (previous, photo) switch
                {
                    (null, null) => -1,
                    (null, { } next) => runOf[next],
                    ({ } prev, null) => runOf[prev],
                    ({ } prev, { } next) => runOf[prev] == runOf[next] ? runOf[prev] : Choose(untimed, prev, next, runOf),
                };
                if (target < 0) runs.Add([untimed]);
                else runs[target].Add(untimed);
            }
            pending.Clear();
            previous = photo;
        }
        // Restore shooting order inside each run (untimed photos were appended).
        var position = new Dictionary<PhotoFacts, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < ordered.Count; i++) position[ordered[i]] = i;
        foreach (var run in runs) run.Sort((x, y) => position[x].CompareTo(position[y]));
    }

    private int Choose(PhotoFacts untimed, PhotoFacts prev, PhotoFacts next, Dictionary<PhotoFacts, int> runOf)
    {
        if (CompareCards(prev, untimed) == Verdict.Same || CompareCards(untimed, next) == Verdict.New) return runOf[prev];
        if (CompareCards(untimed, next) == Verdict.Same || CompareCards(prev, untimed) == Verdict.New) return runOf[next];
        if (untimed.PdqDistance(prev) is { } dp && untimed.PdqDistance(next) is { } dn && dn < dp) return runOf[next];
        return runOf[prev];
    }
}
