using Athar.Cards.Reading;
using Athar.Imaging.Raster;

namespace Athar.Cards.Tests.Reading;

public class CardFinderTests
{
    // Dark floor; a pale grey body to the right; the card (110 x 88, aspect 1.25) overlaps the body's end, and its
    // shadowed part is as grey as the body, so the grown blob takes in the body and only the lit part looks like paper.
    private const int CardLeft = 150, CardTop = 100, CardRight = 260, CardBottom = 188;

    [Fact]
    public void A_card_whose_shadowed_half_merges_with_a_pale_body_is_found_from_its_lit_triangle()
    {
        // The shadow edge runs from the card's bottom-left to its top-right corner.
        using var image = Scene((x, y) => (x - CardLeft) * (double)(CardBottom - CardTop) + (y - CardTop) * (double)(CardRight - CardLeft)
            < (CardRight - CardLeft) * (double)(CardBottom - CardTop));
        AssertCardCorners(CardFinder.Find(image));
    }

    [Fact]
    public void A_card_lit_only_along_its_top_is_extended_to_the_card_form_on_its_shadowed_side()
    {
        // The shadow edge runs parallel to the top, a quarter of the way down: the lit band is 110 x 22.
        using var image = Scene((_, y) => y < CardTop + 22);
        AssertCardCorners(CardFinder.Find(image));
    }

    private static ImageBuffer Scene(Func<int, int, bool> lit)
    {
        var image = ImageBuffer.Create(400, 300, PixelLayout.Rgb24);
        for (var y = 0; y < image.Height; y++)
        {
            var row = image.Row(y);
            for (var x = 0; x < image.Width; x++)
            {
                byte v = 70;
                if (x >= 250 && y >= 96 && y < 204) v = 160;
                if (x >= CardLeft && x < CardRight && y >= CardTop && y < CardBottom) v = lit(x, y) ? (byte)235 : (byte)163;
                row[3 * x] = row[3 * x + 1] = row[3 * x + 2] = v;
            }
        }
        return image;
    }

    private static void AssertCardCorners(Athar.Imaging.Raster.PointF[]? quad)
    {
        Assert.NotNull(quad);
        (float X, float Y)[] want = [(CardLeft, CardTop), (CardRight, CardTop), (CardRight, CardBottom), (CardLeft, CardBottom)];
        for (var k = 0; k < 4; k++)
        {
            Assert.InRange(quad![k].X, want[k].X - 4, want[k].X + 4);
            Assert.InRange(quad[k].Y, want[k].Y - 4, want[k].Y + 4);
        }
    }
}
