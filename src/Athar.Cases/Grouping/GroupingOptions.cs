namespace Athar.Cases.Grouping;

/// <summary>
/// The knobs of <see cref="CaseGrouper"/>. The defaults are what docs/cases.md describes and what the grouping
/// evaluation (bench/eval-grouping.sh) measured; tests change them only to isolate one rule.
/// </summary>
public sealed record GroupingOptions
{
    public static readonly GroupingOptions Default = new();

    /// <summary>Recorded in every case-created event; raise when the same facts could group differently.</summary>
    public const int Version = 7;

    /// <summary>A camera needs this many plausible gaps before its own threshold is learned; fewer, and the archive-wide one is used.</summary>
    public int MinimumGapsToLearn { get; init; } = 12;

    /// <summary>
    /// Threshold used when nothing can be learned (no camera has enough gaps): bodies were photographed
    /// "minutes apart" per body and a new body took a quarter of an hour or more (DESIGN.md, docs/synth.md).
    /// </summary>
    public TimeSpan FallbackThreshold { get; init; } = TimeSpan.FromMinutes(6);

    /// <summary>A gap longer than this is never within one body, whatever else agrees (a new day or session).</summary>
    public TimeSpan NeverWithinBody { get; init; } = TimeSpan.FromHours(3);

    /// <summary>
    /// Gaps past the learned threshold but within this factor of it are "unsure": two near-identical photos
    /// (<see cref="PdqSameScene"/>) are then still one body.
    /// </summary>
    public double UnsureFactor { get; init; } = 2.0;

    /// <summary>
    /// PDQ distance (of 256 bits) at or below which two consecutive photos show the same scene. On the synthetic
    /// archives (2,000 photos, docs/cases.md) consecutive photos of one body were 16-164 apart (median 102: the
    /// photographer moves, turns and zooms) and of two bodies 76-162, so PDQ only speaks when very close.
    /// </summary>
    public int PdqSameScene { get; init; } = 64;

    /// <summary>PDQ distance at or below which a photo without camera or file number joins its nearest photo's case (a re-saved or resized copy).</summary>
    public int PdqAttach { get; init; } = 40;

    /// <summary>A card line agrees, or differs by one digit, only at or above this reader confidence (its weakest digit) on both sides.</summary>
    public double CardLineConfidence { get; init; } = 0.5;

    /// <summary>
    /// Down to this confidence a card line still counts as differing, when it differs in two digits or more. Averaged
    /// networks are less sure where they disagree: a body whose detainee and report lines were read at 0.36-0.66
    /// was merged with the next body, whose card differed in every line (docs/cases.md, version 5).
    /// </summary>
    public double WeakCardLineConfidence { get; init; } = 0.35;
}
