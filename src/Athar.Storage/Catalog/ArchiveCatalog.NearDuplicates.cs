using Athar.Core.Analysis;
using Dapper;

namespace Athar.Storage.Catalog;

/// <summary>One row of the near-duplicate index: an item, its group, the group's representative and the item's distance to it.</summary>
public sealed record NearDuplicateRow(string ItemId, string GroupId, string Representative, long Distance);

/// <summary>Queries over near-duplicate groups (CatalogedFindingCodes.NearDuplicateGroup) and hash banks.</summary>
public sealed partial class ArchiveCatalog
{
    /// <summary>Item id to group id for every grouped item, in one query (for `items --json` and evaluation).</summary>
    public IReadOnlyDictionary<string, string> NearDuplicateGroups()
    {
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (item, group) in Connection.Query<(string, string)>("SELECT item_id, group_id FROM near_duplicates", buffered: false))
            groups[item] = group;
        return groups;
    }

    /// <summary>The members of <paramref name="groupId"/>, the representative first, then by distance and id.</summary>
    public IReadOnlyList<NearDuplicateRow> NearDuplicateGroupMembers(string groupId) => Connection.Query<NearDuplicateRow>("""
        SELECT item_id AS ItemId, group_id AS GroupId, representative AS Representative, distance AS Distance
        FROM near_duplicates WHERE group_id = @groupId
        ORDER BY item_id = representative DESC, distance, item_id
        """, new { groupId }).AsList();

    /// <summary>Every imported hash bank, by name.</summary>
    public IReadOnlyList<HashBankInfo> Banks() => Connection.Query<(string, string, string, string, long, long, long)>(
        "SELECT name, file_name, file_sha256, bank_sha256, hashes, rejected, ledger_seq FROM banks ORDER BY name")
        .Select(r => new HashBankInfo(r.Item1, r.Item2, r.Item3, r.Item4, r.Item5, r.Item6, r.Item7)).ToList();

    /// <summary>When each bank was imported (ledger time), by name.</summary>
    public IReadOnlyDictionary<string, string> BankImportTimes() =>
        Connection.Query<(string, string)>("SELECT name, imported_at FROM banks").ToDictionary(r => r.Item1, r => r.Item2, StringComparer.Ordinal);
}
