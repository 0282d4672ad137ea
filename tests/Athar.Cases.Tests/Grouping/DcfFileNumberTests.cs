using Athar.Cases.Grouping;

namespace Athar.Cases.Tests.Grouping;

public sealed class DcfFileNumberTests
{
    [Theory]
    [InlineData("drive-01/sd-1/DCIM/100NIKON/DSCN0042.JPG", 1000042L)]
    [InlineData("sd-2/DCIM/101_FUJI/DSCF0001.JPG", 1010001L)]
    [InlineData("DCIM/999CANON/IMG_9999.jpg", 9999999L)]
    public void Folder_and_counter_make_one_number(string path, long expected) => Assert.Equal(expected, DcfFileNumber.Parse(path));

    [Theory]
    [InlineData("sorted/2011-05-15/Copy of DSCN6450.JPG")]
    [InlineData("export/DSCN6493_resized.jpg")]
    [InlineData("DCIM/100NIKON/DSCN0000.JPG")]
    [InlineData("DSCN0042.JPG")]
    [InlineData("DCIM/099NIKON/DSCN0042.JPG")]
    public void Renamed_and_malformed_names_have_none(string path) => Assert.Null(DcfFileNumber.Parse(path));

    [Fact]
    public void The_first_DCF_path_of_an_item_wins_and_names_its_folder()
    {
        var found = DcfFileNumber.FromPaths(["sorted/2011-05-15/Copy of DSCN6450.JPG", "sd-1/DCIM/100NIKON/DSCN6450.JPG"]);

        Assert.Equal((1006450L, "sd-1/DCIM/100NIKON"), found);
    }
}
