using Athar.Imaging.Raster;

namespace Athar.Synth.Scenes;

/// <summary>
/// What changes from one photo of a body to the next: the camera's position (a similarity transform from
/// image to scene), the light, the sensor noise, and how the card is seen (perspective, blur).
/// </summary>
internal sealed class ShotSpec
{
    /// <summary>Maps image pixel coordinates to scene coordinates.</summary>
    public required Homography ImageToScene { get; init; }
    public required float Exposure { get; init; }
    public required float GradientX { get; init; }
    public required float GradientY { get; init; }
    /// <summary>Standard deviation of the additive sensor noise, in 0..255 units.</summary>
    public required float NoiseSigma { get; init; }
    public required int NoiseSeed { get; init; }
    /// <summary>Offsets of the four card corners in image pixels (a slight perspective), clockwise from top-left.</summary>
    public required PointF[] CardCornerJitter { get; init; }
    /// <summary>Gaussian blur of the card in card-texture pixels (focus and motion).</summary>
    public required float CardBlur { get; init; }

    public static ShotSpec Create(SynthRandom random, int width, int height, bool firstOfCase)
    {
        var angle = random.RangeF(-4f, 4f) * MathF.PI / 180f;
        var zoom = firstOfCase ? random.RangeF(0.98f, 1.04f) : random.RangeF(0.9f, 1.15f);
        var shiftX = random.RangeF(-0.04f, 0.04f) * width;
        var shiftY = random.RangeF(-0.04f, 0.04f) * height;
        // Zoom in (zoom > 1) means the image sees less of the scene: image-to-scene scales by 1/zoom.
        var view = Homography.Similarity(width / 2.0, height / 2.0, angle, 1.0 / zoom, shiftX, shiftY);
        var jitter = new PointF[4];
        var amount = height * 0.006f;
        for (var i = 0; i < 4; i++) jitter[i] = new PointF(random.RangeF(-amount, amount), random.RangeF(-amount, amount));
        return new ShotSpec
        {
            ImageToScene = view,
            Exposure = random.RangeF(0.92f, 1.08f),
            GradientX = random.RangeF(-0.25f, 0.25f),
            GradientY = random.RangeF(-0.25f, 0.25f),
            NoiseSigma = random.RangeF(1.2f, 3.2f),
            NoiseSeed = random.Next(int.MaxValue),
            CardCornerJitter = jitter,
            CardBlur = random.Chance(0.3) ? random.RangeF(0.8f, 2.2f) : random.RangeF(0f, 0.6f),
        };
    }
}
