namespace Athar.Core.Analysis;

/// <summary>
/// What every card of the archive shares about its numbers (docs/cards.md, "Assumptions about the card form"). The
/// card reader trims a reading longer than this, and the case vote lets only readings of a fixed length vote where the
/// form fixes one and never begins a number with a digit the form rules out; both read it from here, so an archive
/// whose numbers are longer or padded changes it once.
/// </summary>
public static class CardForm
{
    /// <summary>A security branch's number has three digits (the Caesar photos' branches are 215, 216, 227, 235, 248, 251, 291 and so on).</summary>
    public const int BranchDigits = 3;

    /// <summary>No number on the card has more than five digits.</summary>
    public const int MaxDigits = 5;

    /// <summary>
    /// The smallest digit a number of two or more digits begins with: 1, because the numbers are written as counted,
    /// not padded to a width (`266`, never `0266`). A first digit read as 0 is a 2, 6 or 8 with a stroke lost in a
    /// shadow or under a cover. An archive whose clerks padded their numbers sets 0.
    /// </summary>
    public const int LowestLeadingDigit = 1;
}
