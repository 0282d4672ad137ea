using System.Globalization;
using System.Text;
using Athar.Storage.IO;

namespace Athar.Storage.Ledger;

/// <summary>
/// Signed checkpoints on disk: <c>ledger/checkpoints/checkpoint-NNNNNNNNNNNN.txt</c>, one per tree size,
/// each a C2SP signed note; an RFC 3161 token, when one was obtained, sits beside it as <c>.tsr</c>.
/// </summary>
public sealed class CheckpointStore(string directory)
{
    private const string Prefix = "checkpoint-";

    public string Directory { get; } = directory;

    public static string FileName(long treeSize) => $"{Prefix}{treeSize.ToString("D12", CultureInfo.InvariantCulture)}.txt";

    public string PathFor(long treeSize) => Path.Combine(Directory, FileName(treeSize));

    public string TimestampPathFor(long treeSize) => Path.ChangeExtension(PathFor(treeSize), ".tsr");

    public void Save(long treeSize, string signedNote, byte[]? timestampToken = null)
    {
        System.IO.Directory.CreateDirectory(Directory);
        if (timestampToken is not null) AtomicFile.WriteAllBytes(TimestampPathFor(treeSize), timestampToken);
        AtomicFile.WriteAllBytes(PathFor(treeSize), Encoding.UTF8.GetBytes(signedNote));
    }

    /// <summary>Tree sizes that have a checkpoint, ascending.</summary>
    public IReadOnlyList<long> Sizes()
    {
        if (!System.IO.Directory.Exists(Directory)) return [];
        var sizes = new List<long>();
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, Prefix + "*.txt"))
        {
            var digits = Path.GetFileNameWithoutExtension(file)[Prefix.Length..];
            if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var size)) sizes.Add(size);
        }
        sizes.Sort();
        return sizes;
    }

    public long? Latest() => Sizes() is { Count: > 0 } sizes ? sizes[^1] : null;

    public string Read(long treeSize) => File.ReadAllText(PathFor(treeSize), Encoding.UTF8);

    public byte[]? ReadTimestamp(long treeSize) => File.Exists(TimestampPathFor(treeSize)) ? File.ReadAllBytes(TimestampPathFor(treeSize)) : null;
}
