namespace Athar.Cases.Model;

/// <summary>
/// One victim case: the photos of one body, in shooting order, keyed by the numbers on the card beside it.
/// </summary>
/// <param name="Id">Stable id (docs/cases.md, "Case ids").</param>
/// <param name="Items">Item ids (SHA-256) in shooting order.</param>
/// <param name="BestItem">The photo that best shows the card (highest reading confidence), else the first photo.</param>
public sealed record VictimCase(string Id, CaseNumbers Numbers, IReadOnlyList<string> Items, string BestItem)
{
    public NumberStatus Status => Numbers.Status;
}
