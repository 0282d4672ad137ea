namespace Athar.Synth.Cameras;

/// <summary>One physical camera: its model, serial, clock error and, lazily, its sensor gain field.</summary>
internal sealed class Camera(string id, CameraModel model, string serial, int clockOffsetSeconds, bool foreign, long seed, int index)
{
    private readonly object _gate = new();
    private float[]? _gain;
    private (int W, int H) _gainSize;

    public string Id { get; } = id;
    public CameraModel Model { get; } = model;
    public string Serial { get; } = serial;
    /// <summary>Camera clock minus true time, in seconds (set once, as a photographer sets the clock).</summary>
    public int ClockOffsetSeconds { get; } = clockOffsetSeconds;
    public bool IsForeign { get; } = foreign;
    public int Index => index;

    /// <summary>
    /// Per-pixel gain of this sensor and lens at width x height: radial vignetting times (1 + PRNU), with
    /// PRNU a fixed Gaussian field of standard deviation 1% (photo-response non-uniformity, the pattern
    /// that sensor-fingerprint analysis looks for). Deterministic from the archive seed and camera index.
    /// </summary>
    public float[] Gain(int width, int height)
    {
        lock (_gate)
        {
            if (_gain is not null && _gainSize == (width, height)) return _gain;
            var gain = new float[width * height];
            var random = SynthRandom.For(seed, "prnu", index);
            var cx = width / 2f;
            var cy = height / 2f;
            var inverseRadius2 = 1f / (cx * cx + cy * cy);
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var dx = x + 0.5f - cx;
                    var dy = y + 0.5f - cy;
                    var vignette = 1f - Model.Vignetting * (dx * dx + dy * dy) * inverseRadius2;
                    var prnu = (float)(random.Gaussian() * 0.01);
                    gain[y * width + x] = vignette * (1f + prnu);
                }
            }
            _gain = gain;
            _gainSize = (width, height);
            return gain;
        }
    }
}
