using Athar.Cases.Model;

namespace Athar.Cases.Grouping;

/// <summary>A case the machine proposes: photos in shooting order, voted numbers, the best card photo.</summary>
public sealed record ProposedCase(string? Camera, IReadOnlyList<string> Items, CaseNumbers Numbers, string BestItem);

/// <summary>An image grouping could not place, and why.</summary>
public sealed record UnassignedPhoto(string ItemId, string Reason);

/// <summary>What one grouping run found. <see cref="Thresholds"/>: the gap threshold used per camera, in seconds.</summary>
public sealed record GroupingResult(
    IReadOnlyList<ProposedCase> Cases,
    IReadOnlyList<UnassignedPhoto> Unassigned,
    IReadOnlyDictionary<string, double> Thresholds);
