using System.Text.Json;
using Athar.Core.Custody;
using Athar.TestSupport;

namespace Athar.Core.Tests.Custody;

/// <summary>
/// Every JSON vector in ../shared/testdata/merkle/testdata/{inclusion,consistency}, one theory case per file.
/// Each file says whether it must verify ("wantErr").
/// </summary>
public class MerkleProofVectorTests
{
    private const string Missing = "(test data missing)";

    public static TheoryData<string> InclusionFiles() => Files("inclusion");

    public static TheoryData<string> ConsistencyFiles() => Files("consistency");

    private static TheoryData<string> Files(string folder)
    {
        var data = new TheoryData<string>();
        var root = Path.Combine(TestData.Root, "merkle", "testdata", folder);
        if (!Directory.Exists(root))
        {
            data.Add(Missing);
            return data;
        }
        var files = Directory.GetFiles(root, "*.json", SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        foreach (var f in files) data.Add(Path.GetRelativePath(root, f).Replace('\\', '/'));
        return data;
    }

    [Fact]
    public void The_vector_folders_hold_the_expected_number_of_files()
    {
        // Guards against a partial copy of the vectors passing vacuously.
        var root = TestData.Merkle;
        Assert.Equal(98, Directory.GetFiles(Path.Combine(root, "inclusion"), "*.json", SearchOption.AllDirectories).Length);
        Assert.Equal(98, Directory.GetFiles(Path.Combine(root, "consistency"), "*.json", SearchOption.AllDirectories).Length);
    }

    [Theory]
    [MemberData(nameof(InclusionFiles))]
    public void Inclusion_vector(string file)
    {
        var root = Path.Combine(TestData.Merkle, "inclusion");
        Assert.NotEqual(Missing, file);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(root, file)));
        var v = doc.RootElement;
        var proof = Hashes(v.GetProperty("proof"));
        var ok = MerkleProofs.VerifyInclusion(
            Number(v.GetProperty("leafIdx")),
            Number(v.GetProperty("treeSize")),
            Bytes(v.GetProperty("leafHash")),
            proof,
            Bytes(v.GetProperty("root")));
        Assert.Equal(!v.GetProperty("wantErr").GetBoolean(), ok);
    }

    [Theory]
    [MemberData(nameof(ConsistencyFiles))]
    public void Consistency_vector(string file)
    {
        var root = Path.Combine(TestData.Merkle, "consistency");
        Assert.NotEqual(Missing, file);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(root, file)));
        var v = doc.RootElement;
        var error = MerkleProofs.ConsistencyError(
            Number(v.GetProperty("size1")),
            Number(v.GetProperty("size2")),
            Hashes(v.GetProperty("proof")),
            Bytes(v.GetProperty("root1")),
            Bytes(v.GetProperty("root2")));
        var wantErr = v.GetProperty("wantErr").GetBoolean();
        Assert.True(wantErr == (error is not null), $"{v.GetProperty("desc").GetString()}: wantErr={wantErr}, got {error ?? "verified"}");
    }

    /// <summary>
    /// The vectors hold uint64 values, some of them wrapped below zero (leafIdx-sub-@1 of 0 is 2^64 - 1).
    /// Reinterpreting them as long keeps them out of every valid range, as in the generator's own arithmetic.
    /// </summary>
    private static long Number(JsonElement e) => unchecked((long)e.GetUInt64());

    private static byte[] Bytes(JsonElement e) => Convert.FromBase64String(e.GetString() ?? "");

    private static byte[][] Hashes(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Null) return [];
        var list = new byte[e.GetArrayLength()][];
        var i = 0;
        foreach (var item in e.EnumerateArray()) list[i++] = Bytes(item);
        return list;
    }
}
