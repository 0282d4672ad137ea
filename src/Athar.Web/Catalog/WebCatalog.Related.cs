using Dapper;

namespace Athar.Web.Catalog;

/// <summary>One member of an item's near-duplicate group: its distance to the group's representative.</summary>
public sealed record WebNearDuplicate(string ItemId, string GroupId, string Representative, long Distance);

/// <summary>What the archive-level analyzers relate an item to (catalog tables near_duplicates and findings).</summary>
public sealed partial class WebCatalog
{
    /// <summary>Every member of the item's near-duplicate group (the item included), representative first; empty when it is in none.</summary>
    public IReadOnlyList<WebNearDuplicate> NearDuplicateGroup(string itemId)
    {
        using var c = Open();
        return c.Query<WebNearDuplicate>("""
            SELECT n.item_id AS ItemId, n.group_id AS GroupId, n.representative AS Representative, n.distance AS Distance
            FROM near_duplicates n
            WHERE n.group_id = (SELECT group_id FROM near_duplicates WHERE item_id = @itemId)
            ORDER BY n.item_id = n.representative DESC, n.distance, n.item_id
            LIMIT 200
            """, new { itemId }).AsList();
    }
}
