using Athar.Cards.Reading;
using Athar.Imaging.Raster;

namespace Athar.Cards.Tests.Reading;

public class CardFinderTests
{
    [Fact]
    public void A_card_whose_shadowed_half_merges_with_a_pale_body_is_found_from_its_lit_triangle()
    {
        // Dark floor; a pale grey body to the right; the card (110 x 88, aspect 1.25) overlaps the body's end. A
        // shadow edge runs from the card's bottom-left to its top-right corner: the lower-right half is as grey as
        // the body, so the grown blob takes in the body and only the lit triangle looks like paper.
        const int cardLeft = 150, cardTop = 100, cardRight = 260, cardBottom = 188;
        using var image = ImageBuffer.Create(400, 300, PixelLayout.Rgb24);
        for (var y = 0; y < image.Height; y++)
        {
            var row = image.Row(y);
            for (var x = 0; x < image.Width; x++)
            {
                byte v = 70;
                if (x >= 250 && y >= 96 && y < 204) v = 160;
                if (x >= cardLeft && x < cardRight && y >= cardTop && y < cardBottom)
                {
                    // Above the diagonal from (left, bottom) to (right, top): lit.
                    var lit = (x - cardLeft) * (double)(cardBottom - cardTop) + (y - cardTop) * (double)(cardRight - cardLeft) < (cardRight - cardLeft) * (double)(cardBottom - cardTop);
                    v = lit ? (byte)235 : (byte)163;
                }
                row[3 * x] = row[3 * x + 1] = row[3 * x + 2] = v;
            }
        }
        var quad = CardFinder.Find(image);
        Assert.NotNull(quad);
        (float X, float Y)[] want = [(cardLeft, cardTop), (cardRight, cardTop), (cardRight, cardBottom), (cardLeft, cardBottom)];
        for (var k = 0; k < 4; k++)
        {
            Assert.InRange(quad![k].X, want[k].X - 4, want[k].X + 4);
            Assert.InRange(quad[k].Y, want[k].Y - 4, want[k].Y + 4);
        }
    }
}
