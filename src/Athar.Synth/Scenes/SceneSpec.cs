using Athar.Imaging.Raster;

namespace Athar.Synth.Scenes;

/// <summary>An abstract, non-graphic body shape: a rounded bar (capsule) with a smaller disc at one end, in a muted tone.</summary>
internal readonly record struct BodyShape(PointF A, PointF B, float Radius, PointF Head, float HeadRadius, float R, float G, float Bl);

/// <summary>
/// Everything about one body's scene that stays fixed across its photos, in scene coordinates (the
/// nominal frame, 0..Width by 0..Height). Made from (seed, case index) alone, so any photo can rebuild it.
/// </summary>
internal sealed class SceneSpec
{
    public required int Width { get; init; }
    public required int Height { get; init; }
    public required int TextureKind { get; init; }
    public required float TextureScale { get; init; }
    public required int TextureOffsetX { get; init; }
    public required int TextureOffsetY { get; init; }
    public required float FloorR { get; init; }
    public required float FloorG { get; init; }
    public required float FloorB { get; init; }
    public required BodyShape[] Bodies { get; init; }
    /// <summary>Card centre, rotation (radians, within ±25°) and height in scene pixels (5-15% of image height).</summary>
    public required PointF CardCentre { get; init; }
    public required float CardAngle { get; init; }
    public required float CardHeight { get; init; }
    /// <summary>Shadow across the card: direction, offset along it (0..1 of the card) and darkening factor; strength 1 = none.</summary>
    public required float ShadowAngle { get; init; }
    public required float ShadowOffset { get; init; }
    public required float ShadowStrength { get; init; }
    /// <summary>Which card corner is covered (0..3, -1 none) and how much of the card diagonal.</summary>
    public required int OccludedCorner { get; init; }
    public required float OcclusionSize { get; init; }

    /// <summary>Whether the cover lies over the card point (u, v), both 0..1 from the card's top-left.</summary>
    public bool Covers(float u, float v)
    {
        if (OccludedCorner < 0) return false;
        var cu = OccludedCorner is 1 or 2 ? 1 - u : u;
        var cv = OccludedCorner is 2 or 3 ? 1 - v : v;
        return cu + cv < OcclusionSize * 2; // a fold of the sheet lies over this corner
    }
    public required bool IsForeign { get; init; }
    public required float HorizonY { get; init; }

    private static readonly float[][] BodyTones =
    [
        [150, 146, 138], [128, 132, 136], [142, 134, 120], [118, 122, 112], [160, 154, 146], [112, 108, 104],
    ];

    private static readonly float[][] FloorTones =
    [
        [112, 110, 104], [96, 98, 100], [132, 126, 114], [84, 90, 92], [120, 116, 110],
    ];

    public static SceneSpec ForCase(long seed, int caseIndex, int bodies, int width, int height)
    {
        var random = SynthRandom.For(seed, "scene", caseIndex);
        var floor = random.Pick(FloorTones);
        var centre = new PointF(width * random.RangeF(0.42f, 0.58f), height * random.RangeF(0.4f, 0.6f));
        var axis = random.RangeF(-0.35f, 0.35f); // bodies lie roughly left to right
        var dir = new PointF(MathF.Cos(axis), MathF.Sin(axis));
        var normal = new PointF(-dir.Y, dir.X);
        var length = height * random.RangeF(0.75f, 0.95f);
        var radius = height * random.RangeF(0.075f, 0.095f);
        var spacing = radius * random.RangeF(2.3f, 2.7f);
        var shapes = new BodyShape[bodies];
        for (var i = 0; i < bodies; i++)
        {
            // The photographed body is in the middle; neighbours lie beside it, partly out of frame.
            var side = i == 0 ? 0 : (i % 2 == 1 ? 1 : -1) * ((i + 1) / 2);
            var c = new PointF(centre.X + normal.X * spacing * side, centre.Y + normal.Y * spacing * side);
            var half = length * random.RangeF(0.45f, 0.5f) / 2;
            var jitter = random.RangeF(-0.05f, 0.05f);
            var d = new PointF(MathF.Cos(axis + jitter), MathF.Sin(axis + jitter));
            var a = new PointF(c.X - d.X * half, c.Y - d.Y * half);
            var b = new PointF(c.X + d.X * half, c.Y + d.Y * half);
            var headRadius = radius * random.RangeF(0.6f, 0.7f);
            var head = new PointF(b.X + d.X * (radius * 0.35f + headRadius * 1.25f), b.Y + d.Y * (radius * 0.35f + headRadius * 1.25f));
            var tone = random.Pick(BodyTones);
            var shade = random.RangeF(0.92f, 1.06f);
            shapes[i] = new BodyShape(a, b, radius * random.RangeF(0.95f, 1.05f), head, headRadius, tone[0] * shade, tone[1] * shade, tone[2] * shade);
        }
        // The card lies beside the photographed body, on a side with no neighbour, or at its foot
        // when neighbours lie on both sides. Its half-diagonal is about 0.8 of its height.
        var main = shapes[0];
        var cardHeight = height * random.RangeF(0.05f, 0.15f);
        var mid = new PointF((main.A.X + main.B.X) / 2, (main.A.Y + main.B.Y) / 2);
        PointF cardCentre;
        if (bodies >= 3)
        {
            var reach = cardHeight * 0.9f + main.Radius * 0.2f;
            cardCentre = new PointF(main.A.X - dir.X * reach + normal.X * random.RangeF(-0.5f, 0.5f) * main.Radius,
                main.A.Y - dir.Y * reach + normal.Y * random.RangeF(-0.5f, 0.5f) * main.Radius);
        }
        else
        {
            var side = bodies == 2 ? -1 : (random.Chance(0.5) ? 1 : -1);
            var along = random.RangeF(-0.25f, 0.25f) * length;
            var away = side * (main.Radius * 1.05f + cardHeight * random.RangeF(0.85f, 1.0f));
            cardCentre = new PointF(mid.X + dir.X * along + normal.X * away, mid.Y + dir.Y * along + normal.Y * away);
        }
        cardCentre = new PointF(Math.Clamp(cardCentre.X, cardHeight, width - cardHeight), Math.Clamp(cardCentre.Y, cardHeight, height - cardHeight));
        var hasShadow = random.Chance(0.5);
        return new SceneSpec
        {
            Width = width,
            Height = height,
            TextureKind = random.Next(3),
            TextureScale = random.RangeF(0.6f, 1.1f) * 1024f / width,
            TextureOffsetX = random.Next(512),
            TextureOffsetY = random.Next(512),
            FloorR = floor[0],
            FloorG = floor[1],
            FloorB = floor[2],
            Bodies = shapes,
            CardCentre = cardCentre,
            CardAngle = random.RangeF(-25f, 25f) * MathF.PI / 180f,
            CardHeight = cardHeight,
            ShadowAngle = random.RangeF(0, MathF.Tau),
            ShadowOffset = random.RangeF(0.3f, 0.7f),
            ShadowStrength = hasShadow ? random.RangeF(0.55f, 0.8f) : 1f,
            OccludedCorner = random.Chance(0.2) ? random.Next(4) : -1,
            OcclusionSize = random.RangeF(0.15f, 0.3f),
            IsForeign = false,
            HorizonY = 0,
        };
    }

    /// <summary>A scene from elsewhere: sky, open ground and rubble blocks; no bodies, no card.</summary>
    public static SceneSpec Foreign(long seed, int photoIndex, int width, int height)
    {
        var random = SynthRandom.For(seed, "foreign-scene", photoIndex);
        var blocks = new BodyShape[random.Between(3, 6)];
        for (var i = 0; i < blocks.Length; i++)
        {
            var c = new PointF(width * random.RangeF(0.05f, 0.95f), height * random.RangeF(0.6f, 0.95f));
            var angle = random.RangeF(-0.6f, 0.6f);
            var half = height * random.RangeF(0.05f, 0.15f);
            var a = new PointF(c.X - MathF.Cos(angle) * half, c.Y - MathF.Sin(angle) * half);
            var b = new PointF(c.X + MathF.Cos(angle) * half, c.Y + MathF.Sin(angle) * half);
            var grey = random.RangeF(95, 150);
            blocks[i] = new BodyShape(a, b, height * random.RangeF(0.02f, 0.05f), b, 0, grey, grey * 0.98f, grey * 0.94f);
        }
        return new SceneSpec
        {
            Width = width,
            Height = height,
            TextureKind = 1,
            TextureScale = random.RangeF(1.5f, 2.5f) * 1024f / width,
            TextureOffsetX = random.Next(512),
            TextureOffsetY = random.Next(512),
            FloorR = random.RangeF(120, 150),
            FloorG = random.RangeF(105, 125),
            FloorB = random.RangeF(80, 95),
            Bodies = blocks,
            CardCentre = default,
            CardAngle = 0,
            CardHeight = 0,
            ShadowAngle = 0,
            ShadowOffset = 0,
            ShadowStrength = 1,
            OccludedCorner = -1,
            OcclusionSize = 0,
            IsForeign = true,
            HorizonY = height * random.RangeF(0.3f, 0.5f),
        };
    }
}
