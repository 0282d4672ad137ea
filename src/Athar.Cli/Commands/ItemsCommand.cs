using System.CommandLine;
using Athar.Cli.Hosting;

namespace Athar.Cli.Commands;

internal static class ItemsCommand
{
    public static Command Create(CliContext context)
    {
        var limit = new Option<int?>("--limit") { Description = "list at most this many items" };
        var command = new Command("items", "list the items (distinct originals) with their copies") { limit };
        command.SetAction(parse =>
        {
            using var archive = ArchiveAccess.Open(context, parse, writable: false);
            var catalog = archive.Catalog;
            var items = catalog.Items(parse.GetValue(limit) ?? int.MaxValue);
            if (context.WantsJson(parse))
            {
                var copiesByItem = catalog.AllCopies().GroupBy(c => c.ItemId).ToDictionary(g => g.Key, g => g.ToList());
                // One query for every item's group, as for the copies: never a query per item.
                var groups = catalog.NearDuplicateGroups();
                context.WriteJson(items.Select(i => new
                {
                    id = i.Id,
                    size = i.Size,
                    mediaType = i.MediaType,
                    copies = (copiesByItem.TryGetValue(i.Id, out var copies) ? copies : []).Select(c => new { source = c.Source, path = c.Path }),
                    nearDuplicateGroup = groups.GetValueOrDefault(i.Id),
                }).ToList());
                return ExitCodes.Ok;
            }
            foreach (var item in items)
            {
                var copies = catalog.CopiesOf(item.Id);
                var first = copies.Count > 0 ? $"{copies[0].Source}:{copies[0].Path}" : "";
                context.Out.WriteLine($"{item.Id[..12]}  {item.Size,12}  {item.MediaType,-24}  {copies.Count,3} cop{(copies.Count == 1 ? "y  " : "ies")}  {first}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
