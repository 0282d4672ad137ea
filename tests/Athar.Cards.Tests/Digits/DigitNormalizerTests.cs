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
