namespace Athar.Cases.Editing;

/// <summary>Why an edit was refused; nothing was recorded. <see cref="IsUsage"/>: the request itself is wrong (as opposed to naming something that does not exist).</summary>
public sealed class CaseEditException(string message, bool isUsage) : Exception(message)
{
    public bool IsUsage { get; } = isUsage;
}
