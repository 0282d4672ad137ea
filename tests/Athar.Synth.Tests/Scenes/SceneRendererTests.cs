using Athar.Imaging.Raster;
using Athar.Synth.Cameras;
using Athar.Synth.Scenes;

namespace Athar.Synth.Tests.Scenes;

public sealed class SceneRendererTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(203)]
    public void Fused_shading_matches_the_reference(int width)
    {
        var random = new SynthRandom(5);
        float[] Values(float scale) => Enumerable.Range(0, width).Select(_ => (float)random.NextDouble() * scale).ToArray();
        var ramp = Enumerable.Range(0, width).Select(i => i + 0.5f).ToArray();
        var gain = Values(1.2f);
        var (nr, ng, nb) = (Values(2), Values(2), Values(2));
        var (r1, g1, b1) = (Values(255), Values(255), Values(255));
        var (r2, g2, b2) = ((float[])r1.Clone(), (float[])g1.Clone(), (float[])b1.Clone());
        SceneRenderer.Shade(r1, g1, b1, ramp, gain, 0.001f, 0.9f, nr, ng, nb, 2.5f);
        SceneRenderer.ShadeReference(r2, g2, b2, ramp, gain, 0.001f, 0.9f, nr, ng, nb, 2.5f);
        for (var i = 0; i < width; i++)
        {
            Assert.Equal(r2[i], r1[i], 3);
            Assert.Equal(g2[i], g1[i], 3);
            Assert.Equal(b2[i], b1[i], 3);
        }
    }

    [Fact]
    public void A_scene_has_a_white_card_with_dark_ink_where_the_placement_says()
    {
        const int width = 640, height = 480;
        var scene = SceneSpec.ForCase(3, 0, 1, width, height);
        var shot = ShotSpec.Create(new SynthRandom(9), width, height, firstOfCase: true);
        var camera = new Camera("cam-01", CameraModel.Archive[0], "1", 0, false, 3, 0);
        using var card = CardTexture.Render(3, 0, ["12345", "215", "678"]);
        using var image = SceneRenderer.Render(scene, shot, card, camera.Gain(width, height), new RenderAssets(3, width));
        var placement = SceneRenderer.CardPlacement(scene, shot, shot.ImageToScene.Invert());
        Span<PointF> corners = [placement.Apply(0, 0), placement.Apply(1, 0), placement.Apply(1, 1), placement.Apply(0, 1)];
        var bounds = RectI.Bounding(corners).Intersect(new RectI(0, 0, width, height));
        int bright = 0, dark = 0;
        for (var y = bounds.Y; y < bounds.Bottom; y++)
            for (var x = bounds.X; x < bounds.Right; x++)
            {
                var luma = image.Row(y)[3 * x + 1];
                if (luma > 180) bright++;
                if (luma < 90) dark++;
            }
        Assert.True(bright > bounds.Width * bounds.Height / 5, $"{bright} bright pixels in {bounds}");
        Assert.True(dark > 10, $"{dark} ink pixels in {bounds}");
        // Outside the card the scene is muted: no pure white, no saturated colour.
        var row = image.Row(5);
        for (var x = 0; x < width; x++) Assert.True(row[3 * x] < 200 && Math.Abs(row[3 * x] - row[3 * x + 2]) < 60);
    }

    [Fact]
    public void Sensor_gain_has_about_one_percent_prnu_around_the_vignetting()
    {
        var camera = new Camera("cam-01", CameraModel.Archive[0], "1", 0, false, 3, 0);
        var gain = camera.Gain(200, 100);
        // Neighbouring pixels differ by PRNU alone (vignetting is smooth): std of the difference ~ sqrt(2) * 1%.
        double sum = 0, sum2 = 0;
        var n = 0;
        for (var y = 40; y < 60; y++)
            for (var x = 80; x < 119; x++)
            {
                var d = gain[y * 200 + x + 1] - gain[y * 200 + x];
                sum += d; sum2 += d * d; n++;
            }
        var std = Math.Sqrt(sum2 / n - sum / n * (sum / n));
        Assert.InRange(std, 0.011, 0.018);
        Assert.Same(gain, camera.Gain(200, 100));
        Assert.True(gain[0] < gain[50 * 200 + 100] - 0.1f, "corners are darker than the centre");
    }
}

public sealed class ToBytesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(33)]
    [InlineData(2048)]
    [InlineData(2051)]
    public void Vector_conversion_matches_the_scalar_truth(int length)
    {
        var random = new SynthRandom(3);
        var values = Enumerable.Range(0, length).Select(i => i % 17 == 0 ? float.NaN : (float)(random.NextDouble() * 400 - 70)).ToArray();
        var fast = new byte[length];
        var slow = new byte[length];
        SceneRenderer.ToBytes(values, fast);
        SceneRenderer.ToBytesReference(values, slow);
        Assert.Equal(slow, fast);
    }
}
