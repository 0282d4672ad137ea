using Athar.Core.Items;

namespace Athar.Core.Tests.Items;

public class MediaTypeSnifferTests
{
    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE1 }, "image/jpeg")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, "image/png")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14 }, "application/zip")]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }, "application/x-ole-storage")]
    [InlineData(new byte[] { (byte)'h', (byte)'i', (byte)'\n' }, "text/plain")]
    [InlineData(new byte[] { 0x00, 0x01, 0x02 }, "application/octet-stream")]
    [InlineData(new byte[0], "application/x-empty")]
    public void Types_come_from_magic_bytes(byte[] head, string expected)
    {
        Assert.Equal(expected, MediaTypeSniffer.Detect(head));
    }
}
