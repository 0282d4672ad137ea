using System.Text;
using Athar.Core.Intake;

namespace Athar.Core.Tests.Intake;

public sealed class RawFileNameTests
{
    [Fact]
    public void Valid_utf8_is_shown_as_it_is_even_with_a_percent_sign()
    {
        Assert.Equal("صور 100%.jpg", RawFileName.Display(Encoding.UTF8.GetBytes("صور 100%.jpg")));
        Assert.True(RawFileName.IsValidUtf8(Encoding.UTF8.GetBytes("صور")));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_read_as_percent_escapes_and_a_percent_sign_is_escaped_too()
    {
        // "صور" in Windows-1256 (D5 E6 D1), as an old Arabic Windows machine wrote it, then "50%".
        byte[] name = [0xD5, 0xE6, 0xD1, (byte)'5', (byte)'0', (byte)'%', (byte)'.', (byte)'j', (byte)'p', (byte)'g'];
        Assert.False(RawFileName.IsValidUtf8(name));
        Assert.Equal("%D5%E6%D150%25.jpg", RawFileName.Display(name));
    }

    [Fact]
    public void Valid_runs_inside_an_invalid_name_stay_readable_and_a_cut_sequence_at_the_end_is_escaped()
    {
        byte[] name = [.. Encoding.UTF8.GetBytes("ملف-"), 0xFF, .. Encoding.UTF8.GetBytes("-ص")[..^1]];
        Assert.Equal("ملف-%FF-%D8", RawFileName.Display(name));
    }
}
