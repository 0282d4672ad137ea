using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Athar.Cli.Tests.Support;

/// <summary>Reads an archive's files and catalog directly, bypassing the code under test, for comparisons.</summary>
public static class ArchiveInspector
{
    /// <summary>Rows of a catalog table as text, ordered by the given key.</summary>
    public static List<string> Dump(string archive, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(archive, "catalog.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            var cells = new string[reader.FieldCount];
            for (var i = 0; i < reader.FieldCount; i++) cells[i] = reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
            rows.Add(string.Join(" | ", cells));
        }
        return rows;
    }

    /// <summary>Every file under objects/ (relative path) with the SHA-256 of its bytes, inventories excluded when asked.</summary>
    public static SortedDictionary<string, string> ObjectFiles(string archive, bool contentOnly = false)
    {
        var root = Path.Combine(archive, "objects");
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file);
            if (contentOnly && !relative.Contains("/v1/content/", StringComparison.Ordinal)) continue;
            files[relative] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
        }
        return files;
    }

    /// <summary>Object folders: the folders holding an OCFL object namaste file, relative to objects/.</summary>
    public static SortedSet<string> ObjectFolders(string archive)
    {
        var root = Path.Combine(archive, "objects");
        return new SortedSet<string>(Directory.EnumerateFiles(root, "0=ocfl_object_1.1", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, Path.GetDirectoryName(f)!)), StringComparer.Ordinal);
    }

    /// <summary>A listing of every path under a folder with size and nanosecond mtime, for before/after comparisons.</summary>
    public static List<string> TreeListing(string folder)
    {
        var lines = new List<string>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(entry);
            var isDir = Directory.Exists(entry);
            var status = Athar.Core.Intake.UnixFileStatus.Of(entry);
            lines.Add($"{Path.GetRelativePath(folder, entry)} {(isDir ? "dir" : info.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))} {status.Modified} {status.Changed}");
        }
        return lines;
    }

    /// <summary>Checks the cross-references a consistent archive must have: every item row has its object and the reverse, staging is empty.</summary>
    public static void AssertConsistent(string archive)
    {
        var objectPaths = Dump(archive, "SELECT object_path FROM items ORDER BY object_path");
        var folders = ObjectFolders(archive);
        Assert.Equal(folders.ToList(), objectPaths);
        foreach (var row in Dump(archive, "SELECT object_path || '/v1/content/' || stored_name FROM items"))
            Assert.True(File.Exists(Path.Combine(archive, "objects", row)), "catalog row points at nothing: " + row);
        Assert.Equal(0L, long.Parse(Dump(archive, "SELECT COUNT(*) FROM copies c LEFT JOIN items i ON i.id = c.item_id WHERE i.id IS NULL")[0]));
        var staging = Path.Combine(archive, "staging");
        var leftovers = Directory.Exists(staging) ? Directory.GetFileSystemEntries(staging, "*", SearchOption.AllDirectories) : [];
        Assert.True(leftovers.Length == 0, "staging not cleaned: " + string.Join(", ", leftovers.Select(p => Path.GetRelativePath(staging, p))));
    }
}
