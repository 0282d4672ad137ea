namespace Athar.Storage.Fixity;

/// <summary>One thing that is not as the archive recorded it. <see cref="Item"/> is null for unexpected files.</summary>
public sealed record FixityProblem(string? Item, string Path, string Problem);

public sealed record FixityReport(bool Ok, long Checked, long BytesChecked, IReadOnlyList<FixityProblem> Problems);

public readonly record struct FixityProgress(long ItemsDone, long ItemsTotal, long BytesDone, long BytesTotal);
