namespace Athar.Core.Analysis;

/// <summary>
/// What every card of the archive shares about its numbers' lengths (docs/cards.md, "Assumptions about the card
/// form"). The card reader trims a reading longer than this, and the case vote lets only readings of a fixed length
/// vote where the form fixes one; both read it from here, so an archive whose numbers are longer changes it once.
/// </summary>
public static class CardForm
{
    /// <summary>A security branch's number has three digits (the Caesar photos' branches are 215, 216, 227, 235, 248, 251, 291 and so on).</summary>
    public const int BranchDigits = 3;

    /// <summary>No number on the card has more than five digits.</summary>
    public const int MaxDigits = 5;
}
