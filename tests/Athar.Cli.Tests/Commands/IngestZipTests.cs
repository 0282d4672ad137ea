using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Athar.Cli.Tests.Support;
using Athar.TestSupport;

namespace Athar.Cli.Tests.Commands;

public sealed class IngestZipTests : IDisposable
{
    private readonly TempDirectory _temp = new("zip");
    private readonly AtharCli _athar;

    public IngestZipTests() => _athar = new AtharCli(_temp.Combine("archive"));

    public void Dispose() => _temp.Dispose();

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] Jpeg(int seed)
    {
        var bytes = new byte[5000];
        new Random(seed).NextBytes(bytes);
        bytes[0] = 0xFF; bytes[1] = 0xD8; bytes[2] = 0xFF;
        return bytes;
    }

    private string BuildZip(string name, params (string Entry, byte[] Bytes)[] entries)
    {
        var path = _temp.Combine(name);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            foreach (var (entryName, bytes) in entries)
            {
                var entry = zip.CreateEntry(entryName, CompressionLevel.Optimal);
                using var stream = entry.Open();
                stream.Write(bytes);
            }
        }
        return path;
    }

    private async Task<Dictionary<string, string>> RejectedByPath(string zip)
    {
        var run = await _athar.Json("ingest", zip, "--source", "zip-1");
        Assert.True(run.Exit == 1, run.ToString());
        return run.Json["rejected"]!.AsArray().ToDictionary(r => r!["path"]!.GetValue<string>(), r => r!["reason"]!.GetValue<string>());
    }

    private List<string> CopyPaths() => ArchiveInspector.Dump(_athar.Archive, "SELECT path FROM copies ORDER BY path");

    [Fact]
    public async Task Zip_entries_that_climb_out_or_are_absolute_are_refused_with_a_reason_while_the_rest_and_the_zip_itself_are_kept()
    {
        await _athar.Init();
        var good = Jpeg(1);
        var zip = BuildZip("drive.zip",
            ("DCIM/good.jpg", good),
            ("../../evil.jpg", Jpeg(2)),
            ("DCIM/../../up.jpg", Jpeg(3)),
            ("/etc/x", Jpeg(4)),
            ("C:\\x", Jpeg(5)),
            ("C:/windows/y", Jpeg(6)));

        var rejected = await RejectedByPath(zip);

        Assert.Equal(5, rejected.Count);
        Assert.Contains("'..'", rejected["drive.zip!/../../evil.jpg"]);
        Assert.Contains("'..'", rejected["drive.zip!/DCIM/../../up.jpg"]);
        Assert.Contains("absolute", rejected["drive.zip!//etc/x"]);
        Assert.Contains("drive letter", rejected["drive.zip!/C:\\x"]);
        Assert.Contains("drive letter", rejected["drive.zip!/C:/windows/y"]);
        Assert.Equal(["drive.zip", "drive.zip!/DCIM/good.jpg"], CopyPaths());
        var show = (await _athar.Json("show", Sha(File.ReadAllBytes(zip)))).Json;
        Assert.Equal("application/zip", show["mediaType"]!.GetValue<string>());
        Assert.Equal("image/jpeg", (await _athar.Json("show", Sha(good))).Json["mediaType"]!.GetValue<string>());
        Assert.DoesNotContain(Directory.EnumerateFiles(Path.GetDirectoryName(_temp.Path)!, "*.jpg"), p => Path.GetFileName(p) is "evil.jpg" or "up.jpg");
        await _athar.VerifyOk();
    }

    [Fact]
    public async Task A_highly_compressible_multi_megabyte_zip_entry_is_refused_as_a_zip_bomb_and_the_rest_is_kept()
    {
        await _athar.Init();
        var good = Jpeg(7);
        var zip = BuildZip("bomb.zip", ("zeros.bin", new byte[16 << 20]), ("ok.jpg", good));

        var rejected = await RejectedByPath(zip);

        var reason = Assert.Single(rejected, r => r.Key == "bomb.zip!/zeros.bin").Value;
        Assert.StartsWith("ZIP bomb: ", reason);
        Assert.Contains("16777216", reason);
        Assert.Equal(["bomb.zip", "bomb.zip!/ok.jpg"], CopyPaths());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_athar.Archive, "objects"), "zeros.bin", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_zip_entry_whose_header_understates_its_size_is_cut_off_and_refused_and_nothing_of_it_is_stored()
    {
        await _athar.Init();
        var good = Jpeg(8);
        var zip = BuildZip("liar.zip", ("big.bin", new byte[8 << 20]), ("ok.jpg", good));
        // Rewrite the uncompressed size in the local header and the central directory to 1000 bytes, so
        // the ratio check sees a harmless entry; the bytes still expand to 8 MiB.
        var bytes = File.ReadAllBytes(zip);
        var patched = PatchUncompressedSize(bytes, "big.bin", 1000);
        Assert.True(patched == 2, $"patched {patched} size fields");
        File.WriteAllBytes(zip, bytes);

        var rejected = await RejectedByPath(zip);

        var reason = Assert.Single(rejected, r => r.Key == "liar.zip!/big.bin").Value;
        Assert.Matches("(ZIP bomb|declares|[Uu]nexpected|CRC|size)", reason);
        Assert.Equal(["liar.zip", "liar.zip!/ok.jpg"], CopyPaths());
        Assert.Equal(2, ArchiveInspector.ObjectFolders(_athar.Archive).Count);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_athar.Archive, "staging")));
        await _athar.VerifyOk();
    }

    [Fact]
    public async Task A_zip_and_a_folder_holding_the_same_photo_give_one_item_with_two_copies()
    {
        await _athar.Init();
        var photo = Jpeg(9);
        _temp.WriteFile("drive/a.jpg", photo);
        var zip = BuildZip("mail.zip", ("attachments/a copy.jpg", photo));
        var run = await _athar.Json("ingest", _temp.Combine("drive"), zip, "--source", "mixed");
        Assert.True(run.Exit == 0, run.ToString());
        Assert.Equal(2, run.Json["newItems"]!.GetValue<int>()); // the photo and the ZIP file itself
        Assert.Equal(1, run.Json["duplicateCopies"]!.GetValue<int>());
        var copies = (await _athar.Json("show", Sha(photo))).Json["copies"]!.AsArray().Select(c => c!["path"]!.GetValue<string>());
        Assert.Equal(["a.jpg", "mail.zip!/attachments/a copy.jpg"], copies);
    }

    /// <summary>Sets the uncompressed-size field of every header naming <paramref name="name"/>; returns how many were set.</summary>
    private static int PatchUncompressedSize(byte[] zip, string name, uint size)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var count = 0;
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i));
            if (signature == 0x04034b50) // local file header: size at 22, name length at 26, name at 30
            {
                var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(i + 26));
                if (zip.AsSpan(i + 30, nameLength).SequenceEqual(nameBytes)) { BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 22), size); count++; }
            }
            else if (signature == 0x02014b50) // central directory: size at 24, name length at 28, name at 46
            {
                var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(i + 28));
                if (zip.AsSpan(i + 46, nameLength).SequenceEqual(nameBytes)) { BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 24), size); count++; }
            }
        }
        return count;
    }
}
