using Athar.Cards.Reading;
using Athar.Imaging.Raster;
using Athar.Imaging.TurboJpeg;

namespace Athar.Cards.Tests.Reading;

public class CoveredCornerTests
{
    private const int PhotoWidth = 800, PhotoHeight = 600, Floor = 100, Seam = 30, Paper = 235, Ink = 40;
    private const int CardLeft = 250, CardTop = 180, CardWidth = 300, CardHeight = 240;
    private const double Scale = 2.2;   // 28-pixel MNIST frames become 62-pixel digits, as on the synthetic cards

    [Fact]
    public void The_floor_seams_in_a_covered_corner_are_not_read_as_digits()
    {
        // A tiled floor (dark seams every 50 pixels) shows through the card's top-right corner, a quarter of the
        // card's sides down and across: the seams there sit right of the detainee number, in its line.
        var reading = CardReader.Default.Read(Photo(TopRight));

        Assert.True(reading.Found, reading.Reason);
        Assert.Equal(["996", "251", "1933"], reading.Lines.Select(l => l.Text));
    }

    [Fact]
    public void A_line_the_cover_reaches_is_marked_covered_and_the_others_are_not()
    {
        // The cover starts a digit's width right of the detainee number "996": a fourth digit could lie under it. The
        // branch and report lines end far from it. The same card with no cover marks no line.
        var covered = CardReader.Default.Read(Photo(TopRight));
        var whole = CardReader.Default.Read(Photo(null));

        Assert.Equal([true, false, false], covered.Lines.Select(l => l.Covered));
        Assert.Equal(["996", "251", "1933"], whole.Lines.Select(l => l.Text));
        Assert.Equal([false, false, false], whole.Lines.Select(l => l.Covered));
    }

    /// <summary>A fold over the card's top-right corner, a quarter of its sides down and across (u from the right plus v under 0.5).</summary>
    private static readonly Func<double, double, bool> TopRight = (u, v) => 1 - u + v < 0.5;

    [Theory]
    [InlineData("286")]
    [InlineData("886")]
    public void A_first_digit_whose_top_the_cover_hides_is_read_from_what_is_seen(string detainee)
    {
        // A fold over the top-left corner (u + v under 0.35) hides the top-left third of the first digit. Scaled up
        // from its visible ink alone, the rest read as 6 and 0; kept at the size and place of the whole digit it reads
        // right (card analyzer version 15).
        var reading = CardReader.Default.Read(Photo((u, v) => u + v < 0.35, detainee));

        Assert.Equal(detainee, reading.Lines[0].Text);
        Assert.True(reading.Lines[0].Covered);
    }

    private static byte[] Photo(Func<double, double, bool>? cover, string detainee = "996")
    {
        using var photo = ImageBuffer.Create(PhotoWidth, PhotoHeight, PixelLayout.Rgb24);
        for (var y = 0; y < PhotoHeight; y++)
        {
            var row = photo.Row(y);
            for (var x = 0; x < PhotoWidth; x++)
            {
                var v = x % 50 < 3 || y % 50 < 3 ? Seam : Floor;
                if (OnPaper(x, y, cover)) v = Paper;
                row[3 * x] = row[3 * x + 1] = row[3 * x + 2] = (byte)v;
            }
        }
        Write(photo, detainee, line: 0, cover);
        Write(photo, "251", line: 1, cover);
        Write(photo, "1933", line: 2, cover);
        return JpegEncoder.Shared.Encode(photo, 92);
    }

    /// <summary>On the card and not under the <paramref name="cover"/> (a test of u and v, 0..1 from the card's top-left).</summary>
    private static bool OnPaper(int x, int y, Func<double, double, bool>? cover)
    {
        double u = (x + 0.5 - CardLeft) / CardWidth, v = (y + 0.5 - CardTop) / CardHeight;
        return u is >= 0 and < 1 && v is >= 0 and < 1 && cover?.Invoke(u, v) != true;
    }

    /// <summary>Writes clean held-out digits along a card line, as the synthetic cards place them.</summary>
    private static void Write(ImageBuffer photo, string digits, int line, Func<double, double, bool>? cover)
    {
        var side = (int)(28 * Scale);
        for (var k = 0; k < digits.Length; k++)
        {
            var sample = CleanDigits.Sample(digits[k] - '0');
            int left = CardLeft + 20 + k * 44, top = CardTop + 16 + line * 68;
            for (var y = 0; y < side; y++)
            {
                var row = photo.Row(top + y);
                for (var x = 0; x < side; x++)
                {
                    if (!OnPaper(left + x, top + y, cover)) continue;
                    var ink = CleanDigits.Ink(sample, x / Scale, y / Scale) / 255.0;
                    var o = 3 * (left + x);
                    var value = (byte)Math.Round(Paper - ink * (Paper - Ink));
                    if (value < row[o]) row[o] = row[o + 1] = row[o + 2] = value;
                }
            }
        }
    }
}
