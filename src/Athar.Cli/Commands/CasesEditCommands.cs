using System.CommandLine;
using Athar.Cases.Editing;
using Athar.Cli.Hosting;
using Athar.Core.Custody;
using Athar.Storage;

namespace Athar.Cli.Commands;

/// <summary>`athar cases confirm | merge | split | move`: a person's changes, each one custody event and a checkpoint.</summary>
internal static class CasesEditCommands
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        yield return Confirm(context);
        yield return Merge(context);
        yield return Split(context);
        yield return Move(context);
    }

    private static Command Confirm(CliContext context)
    {
        var id = new Argument<string>("CASE") { Description = "case id, e.g. C-00042 or 42" };
        var detainee = new Option<string>("--detainee") { Description = "the detainee number on the card", Required = true };
        var branch = new Option<string>("--branch") { Description = "the security branch number", Required = true };
        var report = new Option<string>("--report") { Description = "the forensic report number", Required = true };
        var command = new Command("confirm", "record a person's reading of the card: the three numbers become confirmed") { id, detainee, branch, report };
        command.SetAction(parse => Edit(context, parse, book =>
        {
            var c = book.Confirm(parse.GetValue(id)!, parse.GetValue(detainee)!.Trim(), parse.GetValue(branch)!.Trim(), parse.GetValue(report)!.Trim());
            return (CaseJson.Of(c), $"{c.Id}: confirmed detainee {c.Numbers.Detainee.Value}, branch {c.Numbers.Branch.Value}, report {c.Numbers.Report.Value}");
        }));
        return command;
    }

    private static Command Merge(CliContext context)
    {
        var into = new Argument<string>("A") { Description = "the case that remains" };
        var from = new Argument<string>("B") { Description = "the case whose photos move into A; it ceases to exist" };
        var command = new Command("merge", "merge case B into case A (one body wrongly split in two)") { into, from };
        command.SetAction(parse => Edit(context, parse, book =>
        {
            var c = book.Merge(parse.GetValue(into)!, parse.GetValue(from)!);
            return (CaseJson.Of(c), $"{c.Id}: now {c.Items.Count} photos");
        }));
        return command;
    }

    private static Command Split(CliContext context)
    {
        var id = new Argument<string>("CASE") { Description = "case id" };
        var item = new Option<string>("--from") { Description = "the first photo of the new case (item id or unique prefix); it and the photos after it move", Required = true };
        var command = new Command("split", "split a case in two before a photo (two bodies wrongly grouped as one)") { id, item };
        command.SetAction(parse => Edit(context, parse, (book, archive) =>
        {
            var (kept, split) = book.Split(parse.GetValue(id)!, ItemResolver.Resolve(archive.Catalog, parse.GetValue(item)!));
            return (new { kept = CaseJson.Of(kept), created = CaseJson.Of(split) }, $"{kept.Id}: {kept.Items.Count} photos; {split.Id}: {split.Items.Count} photos (new)");
        }));
        return command;
    }

    private static Command Move(CliContext context)
    {
        var item = new Argument<string>("ITEM") { Description = "item id or unique prefix of 8+ hex digits" };
        var to = new Option<string>("--to") { Description = "the case the photo belongs to", Required = true };
        var command = new Command("move", "move one photo into another case (or into a case, if it is in none)") { item, to };
        command.SetAction(parse => Edit(context, parse, (book, archive) =>
        {
            var (source, target) = book.Move(ItemResolver.Resolve(archive.Catalog, parse.GetValue(item)!), parse.GetValue(to)!);
            var left = source is null ? "it was in no case" : source.Items.Count == 0 ? $"{source.Id} is now empty and closed" : $"{source.Id}: {source.Items.Count} photos";
            return (new { from = source is null ? null : CaseJson.Of(source), to = CaseJson.Of(target) }, $"{target.Id}: {target.Items.Count} photos; {left}");
        }));
        return command;
    }

    private static int Edit(CliContext context, ParseResult parse, Func<CaseBook, (object Json, string Line)> edit) =>
        Edit(context, parse, (book, _) => edit(book));

    private static int Edit(CliContext context, ParseResult parse, Func<CaseBook, AtharArchive, (object Json, string Line)> edit)
    {
        using var archive = ArchiveAccess.Open(context, parse, writable: true);
        (object Json, string Line) result;
        try
        {
            result = edit(new CaseBook(new ArchiveCaseStore(archive), Actors.CurrentUser()), archive);
        }
        catch (CaseEditException e)
        {
            throw new CliException(e.Message, e.IsUsage ? ExitCodes.Usage : ExitCodes.Failure);
        }
        LedgerHooks.AfterWrite(archive);
        if (context.WantsJson(parse)) context.WriteJson(result.Json);
        else context.Out.WriteLine(result.Line);
        return ExitCodes.Ok;
    }
}
