using System.Net;
using System.Text.RegularExpressions;
using Athar.Imaging.Raster;
using Athar.Imaging.TurboJpeg;

namespace Athar.Web.Tests.Endpoints;

/// <summary>Safer viewing: thumbnails and previews are blurred and grey; only a reveal gives the sharp image.</summary>
public sealed partial class DerivativeTests(WebAppFixture fixture)
{
    [GeneratedRegex("/items/[0-9a-f]{64}/revealed/[0-9a-f]+")]
    private static partial Regex RevealedImage();

    /// <summary>Variance of the 4-neighbour Laplacian of the luma: how much fine detail an image holds.</summary>
    private static double DetailVariance(byte[] jpeg)
    {
        using var image = JpegDecoder.Shared.Decode(jpeg, PixelLayout.Gray8);
        double sum = 0, sumSquares = 0;
        long n = 0;
        for (var y = 1; y < image.Height - 1; y++)
        {
            var up = image.Row(y - 1); var row = image.Row(y); var down = image.Row(y + 1);
            for (var x = 1; x < image.Width - 1; x++)
            {
                double laplacian = up[x] + down[x] + row[x - 1] + row[x + 1] - 4 * row[x];
                sum += laplacian; sumSquares += laplacian * laplacian; n++;
            }
        }
        var mean = sum / n;
        return sumSquares / n - mean * mean;
    }

    /// <summary>Plain variance of the luma values.</summary>
    private static double PixelVariance(byte[] jpeg)
    {
        using var image = JpegDecoder.Shared.Decode(jpeg, PixelLayout.Gray8);
        double sum = 0, sumSquares = 0;
        long n = 0;
        for (var y = 0; y < image.Height; y++)
            foreach (var v in image.Row(y)) { sum += v; sumSquares += (double)v * v; n++; }
        var mean = sum / n;
        return sumSquares / n - mean * mean;
    }

    [Fact]
    public async Task The_blurred_thumbnail_has_far_lower_variance_than_the_unblurred_one()
    {
        var id = fixture.DetailedJpegId;
        using var client = await fixture.SignedIn(fixture.NewAccount("analyst"));
        var blurred = await client.GetByteArrayAsync($"/items/{id}/thumb");
        var token = await WebAppFixture.AntiforgeryToken(client, "/settings");
        await client.PostAsync("/settings", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["BlurSigma"] = "0", ["ThumbSize"] = "medium",
        }));
        var sharp = await client.GetByteArrayAsync($"/items/{id}/thumb"); // blur off, colour: this analyst's own choice
        Assert.True(PixelVariance(blurred) * 10 < PixelVariance(sharp), $"blurred {PixelVariance(blurred):F1} vs sharp {PixelVariance(sharp):F1}");
        Assert.True(DetailVariance(blurred) * 50 < DetailVariance(sharp));
        Assert.True(File.Exists(Path.Combine(fixture.Archive, "derived", "thumbs", id + ".s0c.jpg")));
    }

    [Fact]
    public async Task The_blurred_preview_holds_far_less_detail_than_the_revealed_one()
    {
        var id = fixture.DetailedJpegId;
        using var client = await fixture.SignedIn(fixture.NewAccount("analyst"));
        var preview = await client.GetAsync($"/items/{id}/preview");
        Assert.Equal("image/jpeg", preview.Content.Headers.ContentType?.MediaType);
        var blurred = await preview.Content.ReadAsByteArrayAsync();
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = await WebAppFixture.AntiforgeryToken(client, "/items/" + id) };
        var html = await (await client.PostAsync($"/items/{id}?handler=Reveal", new FormUrlEncodedContent(form))).Content.ReadAsStringAsync();
        var revealed = await client.GetByteArrayAsync(RevealedImage().Match(html).Value);
        var (blurredDetail, revealedDetail) = (DetailVariance(blurred), DetailVariance(revealed));
        Assert.True(blurredDetail * 50 < revealedDetail, $"blurred {blurredDetail:F1} vs revealed {revealedDetail:F1}");
        using var grey = JpegDecoder.Shared.Decode(blurred, PixelLayout.Rgb24);
        Assert.True(IsGrey(grey), "the default preview is greyscale");
        Assert.False(IsGrey(JpegDecoder.Shared.Decode(revealed, PixelLayout.Rgb24)), "the revealed image is in colour");
        Assert.True(File.Exists(Path.Combine(fixture.Archive, "derived", "previews", id + ".jpg")));
    }

    [Fact]
    public async Task Thumbnails_are_made_once_at_about_320_pixels()
    {
        var id = fixture.DetailedJpegId;
        using var client = await fixture.SignedIn(fixture.NewAccount("archivist"));
        var first = await client.GetByteArrayAsync($"/items/{id}/thumb");
        var path = Path.Combine(fixture.Archive, "derived", "thumbs", id + ".jpg");
        var written = File.GetLastWriteTimeUtc(path);
        var second = await client.GetByteArrayAsync($"/items/{id}/thumb");
        Assert.Equal(first, second);
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
        var header = JpegDecoder.Shared.ReadHeader(first);
        Assert.Equal(320, Math.Max(header.Width, header.Height));
    }

    [Fact]
    public async Task A_file_that_is_not_a_jpeg_gets_a_placeholder()
    {
        using var client = await fixture.SignedIn(WebAppFixture.AccountFor["analyst"]);
        var response = await client.GetAsync($"/items/{fixture.TextFileId}/thumb");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Family_liaison_cannot_turn_the_blur_off()
    {
        var name = fixture.NewAccount("family-liaison");
        using var client = await fixture.SignedIn(name);
        var token = await WebAppFixture.AntiforgeryToken(client, "/settings");
        var response = await client.PostAsync("/settings", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["BlurSigma"] = "0", ["Greyscale"] = "false", ["ThumbSize"] = "large",
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var settings = fixture.Accounts.Find(name)!.Settings;
        Assert.Equal(8, settings.BlurSigma);
        Assert.True(settings.Greyscale);
        Assert.Equal("large", settings.ThumbSize);
    }

    private static bool IsGrey(ImageBuffer image)
    {
        for (var y = 0; y < image.Height; y += 7)
        {
            var row = image.Row(y);
            for (var x = 0; x < image.Width; x += 7)
                if (Math.Abs(row[3 * x] - row[3 * x + 1]) > 6 || Math.Abs(row[3 * x + 1] - row[3 * x + 2]) > 6) return false;
        }
        return true;
    }
}
