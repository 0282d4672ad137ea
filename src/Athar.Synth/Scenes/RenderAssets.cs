namespace Athar.Synth.Scenes;

/// <summary>
/// Shared, read-only inputs of the renderer, made once per archive from the seed: three tileable floor
/// textures (tiles, concrete, sheet) of 512x512 gain values around 1, and a table of standard-normal
/// noise that rows index at random offsets (cheaper than drawing a Gaussian per pixel).
/// </summary>
internal sealed class RenderAssets
{
    public const int TextureSize = 512;
    public const int TextureMask = TextureSize - 1;
    public const int NoiseLength = 1 << 18;

    public RenderAssets(long seed, int maxWidth)
    {
        Textures = [MakeTexture(seed, 0), MakeTexture(seed, 1), MakeTexture(seed, 2)];
        var random = SynthRandom.For(seed, "noise-table", 0);
        Noise = new float[NoiseLength + maxWidth];
        for (var i = 0; i < Noise.Length; i++) Noise[i] = (float)random.Gaussian();
        XRamp = new float[maxWidth];
        for (var i = 0; i < maxWidth; i++) XRamp[i] = i + 0.5f;
    }

    public float[][] Textures { get; }
    public float[] Noise { get; }
    /// <summary>0.5, 1.5, 2.5, ...: pixel-centre x coordinates, for vectorised gradients.</summary>
    public float[] XRamp { get; }

    private static float[] MakeTexture(long seed, int kind)
    {
        var random = SynthRandom.For(seed, "texture", kind);
        var texture = new float[TextureSize * TextureSize];
        // Value noise: octaves of a random lattice, bilinearly interpolated, wrapping at the edge.
        (int Cell, float Amplitude)[] octaves = kind switch
        {
            0 => [(128, 0.05f), (32, 0.04f), (8, 0.03f), (2, 0.025f)],
            1 => [(256, 0.10f), (64, 0.07f), (16, 0.05f), (4, 0.04f), (1, 0.03f)],
            _ => [(128, 0.06f), (16, 0.02f), (2, 0.035f)],
        };
        foreach (var (cell, amplitude) in octaves)
        {
            var n = TextureSize / cell;
            var lattice = new float[n * n];
            for (var i = 0; i < lattice.Length; i++) lattice[i] = (float)(random.NextDouble() * 2 - 1);
            for (var y = 0; y < TextureSize; y++)
            {
                var gy = (float)y / cell;
                var iy = (int)gy;
                var fy = gy - iy;
                for (var x = 0; x < TextureSize; x++)
                {
                    var gx = (float)x / cell;
                    var ix = (int)gx;
                    var fx = gx - ix;
                    float L(int a, int b) => lattice[(b % n) * n + (a % n)];
                    var top = L(ix, iy) + (L(ix + 1, iy) - L(ix, iy)) * fx;
                    var bottom = L(ix, iy + 1) + (L(ix + 1, iy + 1) - L(ix, iy + 1)) * fx;
                    texture[y * TextureSize + x] += amplitude * (top + (bottom - top) * fy);
                }
            }
        }
        for (var y = 0; y < TextureSize; y++)
        {
            for (var x = 0; x < TextureSize; x++)
            {
                var value = 1f + texture[y * TextureSize + x];
                if (kind == 0 && (x % 128 < 3 || y % 128 < 3)) value *= 0.72f; // grout between floor tiles
                if (kind == 2) value *= 1f + 0.05f * MathF.Sin((x * 0.7f + y * 0.3f) * MathF.Tau / 170f); // folds of a sheet
                texture[y * TextureSize + x] = value;
            }
        }
        return texture;
    }
}
