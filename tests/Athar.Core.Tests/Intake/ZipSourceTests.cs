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
}
