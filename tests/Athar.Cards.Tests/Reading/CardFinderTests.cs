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
        AssertCardCorners(CardFinder.Find(image)?.Quad);
    }

    [Fact]
    public void A_card_lit_only_along_its_top_is_extended_to_the_card_form_on_its_shadowed_side()
    {
        // The shadow edge runs parallel to the top, a quarter of the way down: the lit band is 110 x 22.
        using var image = Scene((_, y) => y < CardTop + 22);
        AssertCardCorners(CardFinder.Find(image)?.Quad);
    }

    [Fact]
    public void A_card_whose_shadowed_edge_touches_a_large_pale_body_is_found_without_the_body()
    {
        // The shadowed right quarter (180) is brighter than the body (150) it touches, which runs on past the search
        // window: a growth down to the body's level takes in the body up to the window's edge, and card and body
        // together fill 88% of a rectangle of aspect 1.56. Grown again above the body's level, only the card is left.
        using var image = Scene((x, _) => x < CardLeft + 80, shadow: 180, body: 150);
        AssertCardCorners(CardFinder.Find(image)?.Quad);
    }

    [Fact]
    public void A_card_with_a_covered_corner_is_found_whole_and_its_paper_outline_leaves_the_corner_out()
    {
        // The floor shows through the card's top-right corner (a fold of the sheet over it), 40 pixels down each side.
        using var image = Scene((_, _) => true, covered: (x, y) => CardRight - x + (y - CardTop) < 40);
        var found = CardFinder.Find(image);
        AssertCardCorners(found?.Quad);
        Assert.NotNull(found!.Paper);
        const int width = 110, height = 88;
        var mask = CardRectifier.PaperMask(found.Quad, found.Paper, width, height);
        Assert.Equal(0, mask[5 * width + width - 6]);                       // in the covered corner
        Assert.Equal(0, mask[5 * width + width - 30]);                      // still in it, along the top
        Assert.Equal(1, mask[5 * width + width - 50]);                      // paper beside it
        Assert.Equal(1, mask[height / 2 * width + width / 2]);
        Assert.Equal(1, mask[5 * width + 5]);                               // the other three corners
        Assert.Equal(1, mask[(height - 6) * width + 5]);
        Assert.Equal(1, mask[(height - 6) * width + width - 6]);
    }

    [Fact]
    public void A_card_touching_a_patch_of_pale_floor_is_found_without_the_patch()
    {
        // A patch of floor (140) as bright as the growth floor allows hangs off the card's right side, widening
        // downwards to 30 pixels: card and patch fill 89% of a rectangle of aspect 1.59, which passes for a card, and
        // the patch stays clear of the search window's edges. Grown again above the patch's level, the card alone
        // fills its rectangle.
        using var image = Scene((_, _) => true, body: 70,
            patch: (x, y) => x >= CardRight && x - CardRight < (y - CardTop) * 30 / (CardBottom - CardTop) && y < CardBottom);
        AssertCardCorners(CardFinder.Find(image)?.Quad);
    }

    [Fact]
    public void A_shadowed_card_on_a_tinted_body_as_bright_as_its_shadow_is_found_by_its_neutral_paper()
    {
        // Lit only in a triangle at the bottom-left corner (legs of 88 and 70 pixels), the rest in shadow (163, neutral)
        // on a body at least as bright (min 165) and tinted (190, 178, 165). No floor parts the shadowed paper from the
        // body, so every growth by brightness leaks or shrinks to the lit triangle, which passes for a smaller card.
        static bool Lit(int x, int y) => (x - CardLeft) * 88.0 + (CardBottom - y) * 110.0 < 0.8 * 110 * 88;
        using var tinted = Scene(Lit, bodyColour: (190, 178, 165));
        AssertCardCorners(CardFinder.Find(tinted)?.Quad);

        // The same scene with a neutral body of the same brightness: only the colour told them apart.
        using var neutral = Scene(Lit, bodyColour: (165, 165, 165));
        var quad = CardFinder.Find(neutral)?.Quad;
        Assert.NotNull(Record.Exception(() => AssertCardCorners(quad)));
    }

    private static ImageBuffer Scene(Func<int, int, bool> lit, byte shadow = 163, byte body = 160, Func<int, int, bool>? covered = null,
        Func<int, int, bool>? patch = null, (byte R, byte G, byte B)? bodyColour = null)
    {
        var image = ImageBuffer.Create(400, 300, PixelLayout.Rgb24);
        for (var y = 0; y < image.Height; y++)
        {
            var row = image.Row(y);
            for (var x = 0; x < image.Width; x++)
            {
                byte v = 70;
                var onBody = x >= 250 && y >= 96 && y < 204;
                if (onBody) v = body;
                if (patch?.Invoke(x, y) == true) v = 140;
                var onCard = x >= CardLeft && x < CardRight && y >= CardTop && y < CardBottom && covered?.Invoke(x, y) != true;
                if (onCard) v = lit(x, y) ? (byte)235 : shadow;
                row[3 * x] = row[3 * x + 1] = row[3 * x + 2] = v;
                if (onBody && !onCard && bodyColour is { } c) (row[3 * x], row[3 * x + 1], row[3 * x + 2]) = c;
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
