using Athar.Synth.Cameras;

namespace Athar.Synth.Tests.Cameras;

public sealed class FileNamingTests
{
    [Fact]
    public void Counter_wraps_after_9999_into_the_next_folder()
    {
        var nikon = CameraModel.Archive.Single(m => m.Make == "NIKON");
        var naming = new FileNaming(nikon, 100, 9998);
        Assert.Equal(("100NIKON", "DSCN9998.JPG"), naming.Next());
        Assert.Equal(("100NIKON", "DSCN9999.JPG"), naming.Next());
        Assert.Equal(("101NIKON", "DSCN0001.JPG"), naming.Next());
        Assert.Equal(("101NIKON", "DSCN0002.JPG"), naming.Next());
    }

    [Theory]
    [InlineData("FUJIFILM", "100_FUJI", "DSCF0042.JPG")]
    [InlineData("Canon", "100CANON", "IMG_0042.JPG")]
    [InlineData("SONY", "100MSDCF", "DSC00042.JPG")]
    public void Makers_name_their_files_their_own_way(string make, string folder, string file)
    {
        var naming = new FileNaming(CameraModel.Archive.Single(m => m.Make == make), 100, 42);
        Assert.Equal((folder, file), naming.Next());
    }

    [Fact]
    public void Models_differ_in_quality_and_foreign_models_are_not_archive_models()
    {
        Assert.Equal(CameraModel.Archive.Count, CameraModel.Archive.Select(m => m.Quality).Distinct().Count());
        Assert.DoesNotContain(CameraModel.Foreign, f => CameraModel.Archive.Any(a => a.Model == f.Model));
    }
}
