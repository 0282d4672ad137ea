namespace Athar.Storage.Ocfl.Validation;

/// <summary>
/// What the validator found in an OCFL object or storage root. Errors and warnings keep the order in
/// which they were found: the checks run from the most fundamental (the conformance declaration) to the
/// most detailed (file digests), so the first error is the root problem.
/// </summary>
public sealed class OcflValidationResult
{
    internal OcflValidationResult(IReadOnlyList<OcflValidationIssue> errors, IReadOnlyList<OcflValidationIssue> warnings)
    {
        Errors = errors;
        Warnings = warnings;
    }

    /// <summary>True when there are no errors; warnings do not make an object invalid.</summary>
    public bool Valid => Errors.Count == 0;

    public IReadOnlyList<OcflValidationIssue> Errors { get; }

    public IReadOnlyList<OcflValidationIssue> Warnings { get; }
}
