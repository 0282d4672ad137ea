using System.Buffers;
using Athar.Forensics.Pdq;
using Athar.Imaging.Raster;
using Athar.Imaging.TurboJpeg;
using BenchmarkDotNet.Attributes;

namespace Athar.Bench.Forensics;

/// <summary>
/// The 32x32 crop-matching thumbnail (<see cref="PdqThumbnail.Make"/>) of the camera originals, decoded once as PDQ
/// decodes them (RGB, DCT-scaled to 1024 px on the smaller side), against the summed-area table the first version
/// built (kept here, as the baseline, only to reproduce the ratio; both give the same bytes, checked in the setup). Time is for all the photos at once.
/// Run: dotnet run -c Release --project bench/Athar.Bench -- --filter '*PdqThumbnailBenchmarks*' --job short --inProcess
/// </summary>
[MemoryDiagnoser]
public class PdqThumbnailBenchmarks
{
    private const int Side = 32;
    private ImageBuffer[] _images = [];

    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(PdqHashBenchmarks.FindTestData(), "camera-originals");
        var images = new List<ImageBuffer>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.jpg", new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive }).Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(file);
            try
            {
                var header = JpegDecoder.Shared.ReadHeader(bytes, tolerateWarnings: true);
                var scale = PdqJpeg.ChooseScale(header.Width, header.Height, PdqOptions.Default.MinimumDecodedSide);
                images.Add(JpegDecoder.Shared.Decode(bytes, header.Colorspace == 2 ? PixelLayout.Gray8 : PixelLayout.Rgb24, scale, tolerateWarnings: true, out _));
            }
            catch (TurboJpegException)
            {
                // The set holds an empty and an undecodable file on purpose; PDQ hashes neither.
            }
        }
        // A frame smaller than the thumbnail has none.
        foreach (var small in images.Where(image => image.Width < Side || image.Height < Side)) small.Dispose();
        _images = [.. images.Where(image => image.Width >= Side && image.Height >= Side)];
        for (var i = 0; i < _images.Length; i++)
        {
            if (!PdqThumbnail.Make(_images[i], Side)!.AsSpan().SequenceEqual(SummedAreaTable(_images[i], Side)))
                throw new InvalidOperationException($"photo {i}: the two thumbnails differ");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var image in _images) image.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int SummedAreaTableAllPhotos()
    {
        var sum = 0;
        foreach (var image in _images) sum += SummedAreaTable(image, Side)[0];
        return sum;
    }

    [Benchmark]
    public int BandSumsAllPhotos()
    {
        var sum = 0;
        foreach (var image in _images) sum += PdqThumbnail.Make(image, Side)![0];
        return sum;
    }

    /// <summary>The first version: a summed-area table of 1000 x luma over the whole frame, then each cell from its corners.</summary>
    private static byte[] SummedAreaTable(ImageBuffer image, int side)
    {
        var stride = image.Width + 1;
        var table = ArrayPool<long>.Shared.Rent(stride * (image.Height + 1));
        try
        {
            table.AsSpan(0, stride).Clear();
            var gray = image.Layout == PixelLayout.Gray8;
            for (var y = 0; y < image.Height; y++)
            {
                var row = image.Row(y);
                long running = 0;
                table[(y + 1) * stride] = 0;
                for (var x = 0; x < image.Width; x++)
                {
                    running += gray ? 1000 * row[x] : 299 * row[3 * x] + 587 * row[3 * x + 1] + 114 * row[3 * x + 2];
                    table[(y + 1) * stride + x + 1] = table[y * stride + x + 1] + running;
                }
            }
            var thumbnail = new byte[side * side];
            for (var i = 0; i < side; i++)
            {
                int r0 = i * image.Height / side, r1 = (i + 1) * image.Height / side;
                for (var j = 0; j < side; j++)
                {
                    int c0 = j * image.Width / side, c1 = (j + 1) * image.Width / side;
                    var sum = table[r1 * stride + c1] - table[r0 * stride + c1] - table[r1 * stride + c0] + table[r0 * stride + c0];
                    var count = 1000L * (r1 - r0) * (c1 - c0);
                    thumbnail[i * side + j] = (byte)Math.Min(255, (2 * sum + count) / (2 * count));
                }
            }
            return thumbnail;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(table);
        }
    }
}
