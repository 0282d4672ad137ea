using Athar.Forensics.Cameras;

namespace Athar.Forensics.Tests.Cameras;

public sealed class DcfNumberTests
{
    [Theory]
    [InlineData("drive-01/sd-1/DCIM/100NIKON/DSCN6447.JPG", 100, 6447)]
    [InlineData("DCIM/101_FUJI/DSCF0001.jpg", 101, 1)]
    [InlineData("x/999CANON/IMG_9999.JPEG", 999, 9999)]
    public void Camera_paths_give_folder_and_file_numbers(string path, int folder, int file)
    {
        var number = DcfNumber.Parse(path);
        Assert.NotNull(number);
        Assert.Equal(folder, number.Value.Folder);
        Assert.Equal(file, number.Value.File);
    }

    [Theory]
    [InlineData("sorted/2011-05-15/Copy of DSCN6450.JPG")]
    [InlineData("sorted/2011-05-15/DSCN6450.JPG")]
    [InlineData("DCIM/100NIKON/DSCN0000.JPG")]
    [InlineData("DCIM/099NIKON/DSCN0001.JPG")]
    [InlineData("DCIM/100NIKON/DSCN6450 (2).JPG")]
    [InlineData("DSCN6450.JPG")]
    public void Renamed_or_non_camera_paths_give_none(string path) => Assert.Null(DcfNumber.Parse(path));

    [Fact]
    public void The_key_keeps_counting_across_the_wrap_to_the_next_folder()
    {
        var last = DcfNumber.Parse("DCIM/100NIKON/DSCN9999.JPG")!.Value;
        var next = DcfNumber.Parse("DCIM/101NIKON/DSCN0001.JPG")!.Value;
        Assert.True(next.Key > last.Key);
        Assert.Equal("101NIKON/DSCN0001.JPG", next.Label);
    }
}
