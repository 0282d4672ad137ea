namespace Athar.Storage.Ocfl.Validation;

/// <summary>
/// One finding of the OCFL validator: a code from the OCFL 1.1 "Validation Codes" page
/// (E001-E112 for errors, W001-W016 for warnings) and one plain sentence that names the file.
/// </summary>
/// <param name="Code">The spec's code, for example "E040" or "W004".</param>
/// <param name="Message">The file, a colon, then what is wrong, for example "inventory.json: head is v1 but ...".</param>
public sealed record OcflValidationIssue(string Code, string Message)
{
    /// <summary>True for spec warnings (W...): things that SHOULD hold; an object with only warnings is valid.</summary>
    public bool IsWarning => Code.StartsWith('W');

    public override string ToString() => $"{Code} {Message}";
}
