using System.CommandLine;
using Athar.Cli.Hosting;
using Athar.Storage.Ocfl.Validation;

namespace Athar.Cli.Commands;

/// <summary>
/// `athar ocfl validate PATH`: checks an OCFL 1.1 object or storage root against the specification and
/// lists each problem with its spec code. Exit 0 when valid, 1 when invalid, 3 when PATH is not a folder.
/// </summary>
internal static class OcflCommand
{
    /// <summary>The --json document; field names are fixed by docs/cli.md's contract.</summary>
    internal sealed record ValidationReport(bool Valid, IReadOnlyList<IssueReport> Errors, IReadOnlyList<IssueReport> Warnings);

    internal sealed record IssueReport(string Code, string Message);

    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("PATH") { Description = "an OCFL object root or storage root folder" };
        var validate = new Command("validate", "validate an OCFL 1.1 object or storage root; lists every problem with its spec code");
        validate.Add(path);
        validate.SetAction(parse => Validate(context, parse, parse.GetValue(path)!));

        var ocfl = new Command("ocfl", "OCFL storage tools");
        ocfl.Add(validate);
        return ocfl;
    }

    private static int Validate(CliContext context, ParseResult parse, string path)
    {
        if (!Directory.Exists(path))
        {
            throw new CliException(File.Exists(path)
                ? $"{path} is a file; give the folder of an OCFL object or storage root"
                : $"{path} does not exist", ExitCodes.Failure);
        }
        var result = OcflValidator.Validate(path);
        if (context.WantsJson(parse))
        {
            context.WriteJson(new ValidationReport(result.Valid, ToReports(result.Errors), ToReports(result.Warnings)));
        }
        else
        {
            foreach (var issue in result.Errors) context.Out.WriteLine(issue.ToString());
            foreach (var issue in result.Warnings) context.Out.WriteLine(issue.ToString());
            context.Out.WriteLine(result.Valid ? "valid" : $"invalid: {Count(result.Errors.Count, "error")}, {Count(result.Warnings.Count, "warning")}");
            context.Out.Flush();
        }
        return result.Valid ? ExitCodes.Ok : ExitCodes.Problems;
    }

    private static List<IssueReport> ToReports(IReadOnlyList<OcflValidationIssue> issues) =>
        issues.Select(i => new IssueReport(i.Code, i.Message)).ToList();

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
