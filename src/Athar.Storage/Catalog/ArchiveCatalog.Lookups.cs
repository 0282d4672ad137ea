namespace Athar.Storage.Catalog;

/// <summary>The point lookups ingest makes to stay idempotent: is this item, copy or rejection already recorded?</summary>
public sealed partial class ArchiveCatalog
{
    public bool HasItem(string digestHex) =>
        Exists("SELECT 1 FROM items WHERE id = $a", digestHex);

    public bool HasCopy(string sourceLabel, string path, string digestHex) =>
        Exists("SELECT 1 FROM copies c JOIN sources s ON s.id = c.source_id WHERE s.label = $a AND c.path = $b AND c.item_id = $c",
            sourceLabel, path, digestHex);

    public bool HasRejection(string sourceLabel, string path, string reason) =>
        Exists("SELECT 1 FROM rejections r JOIN sources s ON s.id = r.source_id WHERE s.label = $a AND r.path = $b AND r.reason = $c",
            sourceLabel, path, reason);

    public bool HasSymlink(string sourceLabel, string path, string target) =>
        Exists("SELECT 1 FROM symlinks l JOIN sources s ON s.id = l.source_id WHERE s.label = $a AND l.path = $b AND l.target = $c",
            sourceLabel, path, target);

    /// <summary>Where an item's object lives and under which name its content is stored.</summary>
    public (string ObjectPath, string StoredName)? ItemStorage(string digestHex)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = "SELECT object_path, stored_name FROM items WHERE id = $a";
        command.Parameters.AddWithValue("$a", digestHex);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetString(1)) : null;
    }

    private bool Exists(string sql, params string[] values)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++) command.Parameters.AddWithValue("$" + (char)('a' + i), values[i]);
        return command.ExecuteScalar() is not null;
    }
}
