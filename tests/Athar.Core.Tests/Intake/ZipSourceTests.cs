using System.IO.Compression;
using Athar.Core.Intake;
using Athar.Core.Intake.Sources;
using Athar.TestSupport;

namespace Athar.Core.Tests.Intake;

public sealed class ZipSourceTests
{
    [Theory]
    [InlineData("../x", "'..'")]
    [InlineData("a/../../x", "'..'")]
    [InlineData("a\\..\\x", "'..'")]
    [InlineData("/etc/passwd", "absolute")]
    [InlineData("\\server\\share", "absolute")]
    [InlineData("C:\\x", "drive letter")]
    [InlineData("c:x", "drive letter")]
    [InlineData("", "empty")]
    public void Unsafe_entry_names_are_named_with_their_reason(string name, string expected) =>
        Assert.Contains(expected, ZipSource.UnsafeNameReason(name));

    [Theory]
    [InlineData("DCIM/100/IMG_1.JPG")]
    [InlineData("a..b/c...jpg")]
    [InlineData("صور/جثة ١.jpg")]
    public void Ordinary_entry_names_are_safe(string name) => Assert.Null(ZipSource.UnsafeNameReason(name));

    [Fact]
    public void An_entry_is_read_back_with_the_bytes_and_size_its_header_declares()
    {
        using var temp = new TempDirectory("zipsource");
        var zipPath = temp.Combine("a.zip");
        var payload = new byte[300_000];
        new Random(1).NextBytes(payload);
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        using (var stream = zip.CreateEntry("x/y.bin").Open()) stream.Write(payload);

        var entries = ZipSource.Read(zipPath).ToList();

        Assert.Equal(["a.zip", "a.zip!/x/y.bin"], entries.Select(e => e.Path));
        var entry = entries[1];
        Assert.Equal(SourceEntryKind.File, entry.Kind);
        Assert.Equal(payload.Length, entry.Size);
        using var read = entry.Open!();
        var copy = new MemoryStream();
        read.CopyTo(copy);
        Assert.Equal(payload, copy.ToArray());
    }

    // "صورة" in Windows-1256, as an Arabic Windows machine writes it; not valid UTF-8.
    private static readonly byte[] Cp1256Name = [0xD5, 0xE6, 0xD1, 0xC9];

    [Fact]
    public void A_legacy_code_page_name_keeps_its_bytes_and_reads_with_escapes()
    {
        using var temp = new TempDirectory("zipsource");
        var zipPath = temp.Combine("a.zip");
        // Latin-1 maps each char to one byte, so the entry is written with exactly these name bytes and no UTF-8 flag.
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create, System.Text.Encoding.Latin1))
        {
            foreach (var suffix in new[] { "1.jpg", "2.jpg" })
            {
                using var stream = zip.CreateEntry(System.Text.Encoding.Latin1.GetString([.. Cp1256Name, .. "/"u8, .. Cp1256Name]) + suffix).Open();
                stream.Write("x"u8);
            }
        }

        var entries = ZipSource.Read(zipPath).Skip(1).ToList();

        Assert.Equal(["a.zip!/%D5%E6%D1%C9/%D5%E6%D1%C91.jpg", "a.zip!/%D5%E6%D1%C9/%D5%E6%D1%C92.jpg"], entries.Select(e => e.Path));
        Assert.Equal([.. "a.zip!/"u8, .. Cp1256Name, (byte)'/', .. Cp1256Name, .. "1.jpg"u8], entries[0].PathBytes!);
        Assert.All(entries, e => Assert.Equal(SourceEntryKind.File, e.Kind));
    }

    [Fact]
    public void A_symlink_entry_is_a_link_whose_legacy_code_page_target_reads_with_escapes()
    {
        using var temp = new TempDirectory("zipsource");
        var zipPath = temp.Combine("a.zip");
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            foreach (var (name, target) in new[] { ("legacy", [.. "../"u8, .. Cp1256Name, .. ".jpg"u8]), ("utf8", "../صورة.jpg"u8.ToArray()) })
            {
                var entry = zip.CreateEntry(name);
                entry.ExternalAttributes = unchecked((int)(0xA1FFu << 16));   // Unix mode: symbolic link, rwxrwxrwx
                using var stream = entry.Open();
                stream.Write(target);
            }
        }

        var entries = ZipSource.Read(zipPath).Skip(1).ToList();

        Assert.Equal(["a.zip!/legacy", "a.zip!/utf8"], entries.Select(e => e.Path));
        Assert.All(entries, e => Assert.Equal(SourceEntryKind.Symlink, e.Kind));
        Assert.Equal(["../%D5%E6%D1%C9.jpg", "../صورة.jpg"], entries.Select(e => e.LinkTarget));
    }

    [Fact]
    public void A_utf8_name_is_text_and_keeps_no_separate_bytes()
    {
        using var temp = new TempDirectory("zipsource");
        var zipPath = temp.Combine("a.zip");
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        using (var stream = zip.CreateEntry("صور/é.jpg").Open()) stream.Write("x"u8);

        var entry = ZipSource.Read(zipPath).Skip(1).Single();

        Assert.Equal("a.zip!/صور/é.jpg", entry.Path);
        Assert.Null(entry.PathBytes);
    }

    [Fact]
    public void Names_are_read_raw_from_the_central_directory_in_its_order()
    {
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true, System.Text.Encoding.Latin1))
        {
            archive.CreateEntry("b.txt");
            archive.CreateEntry(System.Text.Encoding.Latin1.GetString(Cp1256Name));
        }

        var names = ZipEntryNames.Read(zip, expectedCount: 2);

        Assert.NotNull(names);
        Assert.Equal([.. "b.txt"u8], names[0].Bytes);
        Assert.Equal(Cp1256Name, names[1].Bytes);
        Assert.False(names[1].Utf8Flag);
        Assert.Null(ZipEntryNames.Read(zip, expectedCount: 3));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(100)]
    public void A_damaged_central_directory_gives_no_names_rather_than_an_exception(int cut)
    {
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < 5; i++) archive.CreateEntry($"entry-{i}.txt");
        }
        var bytes = zip.ToArray();
        // Garble the central directory from some way into it, keeping the end record.
        var endRecord = bytes.Length - 22;
        var start = Math.Max(0, endRecord - 300 + cut);
        for (var i = start; i < endRecord; i++) bytes[i] ^= 0x5A;

        Assert.Null(ZipEntryNames.Read(new MemoryStream(bytes), expectedCount: 5));
    }
}
