using Athar.Cards.Digits;

namespace Athar.Cards.Tests.Digits;

public class DigitNormalizerTests
{
    [Fact]
    public void A_bar_is_fitted_into_the_20_pixel_box_around_the_centre_of_mass()
    {
        // A vertical bar 40 px tall, 8 px wide, off-centre in a 60x60 patch.
        var ink = new float[60 * 60];
        for (var y = 5; y < 45; y++) for (var x = 40; x < 48; x++) ink[y * 60 + x] = 1f;
        var output = new byte[784];
        Assert.True(DigitNormalizer.Normalize(ink, 60, 60, output));
        double sum = 0, sx = 0, sy = 0;
        int y0 = 28, y1 = -1;
        for (var y = 0; y < 28; y++)
            for (var x = 0; x < 28; x++)
            {
                var v = output[y * 28 + x];
                if (v < 64) continue;
                sum += v; sx += v * (x + 0.5); sy += v * (y + 0.5);
                y0 = Math.Min(y0, y); y1 = Math.Max(y1, y);
            }
        Assert.InRange(sx / sum, 13.0, 15.0);
        Assert.InRange(sy / sum, 13.0, 15.0);
        Assert.InRange(y1 - y0 + 1, 19, 21);
        Assert.Equal(255, output.Max());
    }

    [Fact]
    public void A_digit_whose_top_a_cover_hides_keeps_the_size_and_place_of_the_whole_digit()
    {
        // The lower half of a 40 px bar is seen (rows 25-44); the whole digit spans rows 5-44. From its ink alone the
        // half would be stretched over the 20-pixel box; over the whole digit's rows it fills the box's lower half.
        var ink = new float[60 * 60];
        for (var y = 25; y < 45; y++) for (var x = 40; x < 48; x++) ink[y * 60 + x] = 1f;
        var alone = new byte[784];
        var whole = new byte[784];

        Assert.True(DigitNormalizer.Normalize(ink, 60, 60, alone));
        Assert.True(DigitNormalizer.Normalize(ink, 60, 60, whole, wholeRows: (5, 44)));

        Assert.InRange(Rows(alone).Last - Rows(alone).First + 1, 19, 21);
        Assert.InRange(Rows(whole).Last - Rows(whole).First + 1, 9, 11);
        Assert.InRange(Rows(whole).First, 13, 15);  // the box is rows 4-23: the seen half starts in its middle
        Assert.InRange(Rows(whole).Last, 22, 24);
    }

    /// <summary>The first and last rows of the 28x28 image with strong ink.</summary>
    private static (int First, int Last) Rows(byte[] image)
    {
        int first = 28, last = -1;
        for (var y = 0; y < 28; y++)
            for (var x = 0; x < 28; x++)
                if (image[y * 28 + x] >= 64) { first = Math.Min(first, y); last = Math.Max(last, y); }
        return (first, last);
    }

    [Fact]
    public void An_empty_patch_gives_false_and_a_blank_image()
    {
        var output = Enumerable.Repeat((byte)9, 784).ToArray();
        Assert.False(DigitNormalizer.Normalize(new float[30 * 30], 30, 30, output));
        Assert.All(output, v => Assert.Equal(0, v));
    }

    [Fact]
    public void Normalised_held_out_digits_are_still_read()
    {
        // MNIST digits are already normalised; running them through again must not spoil them.
        var set = HeldOut.Set;
        var right = 0;
        var total = 0;
        var ink = new float[784];
        var image = new byte[784];
        for (var d = 0; d < 10; d++)
            for (var i = 0; i < 50; i++)
            {
                var sample = set.Sample(d, i);
                for (var p = 0; p < 784; p++) ink[p] = sample[p] / 255f;
                Assert.True(DigitNormalizer.Normalize(ink, 28, 28, image));
                if (DigitClassifier.Default.Classify(image).Digit == d) right++;
                total++;
            }
        Assert.True(right >= total * 0.96, $"{right} of {total} read after normalising");
    }
}
