using System.Diagnostics;
using System.IO.Compression;
using Athar.Imaging.Digits;
using Athar.Cards.Reading;
using Athar.Synth;

namespace Athar.DigitTrainer;

/// <summary>
/// Training digits taken through the whole card pipeline: training-half MNIST digits drawn on a card and
/// photographed by <see cref="TrainingCardPhotos"/> (scene, blur, JPEG), then found, rectified, segmented
/// and normalised by this reader. A line counts only when the reader cut it into as many digits as were
/// drawn; its digits are then labelled by construction, in order. Never touches the held-out half.
/// </summary>
internal static class CardDigits
{
    public static (byte[] Image, int Digit)[] Make(MnistSet train, int photos, int seed) => Make(train, TrainingFold.All, photos, seed);

    /// <summary>
    /// As above, drawing only the training-half digits of <paramref name="fold"/> (TrainingFold.cs). Always cut
    /// anew, never read back from a file: the digits are this reader's cuts, and a file left by an older reader
    /// would train the network on cuts it no longer makes (until session 7 a cache did exactly that).
    /// </summary>
    public static (byte[] Image, int Digit)[] Make(MnistSet train, TrainingFold fold, int photos, int seed)
    {
        var watch = Stopwatch.StartNew();
        var found = 0;
        var lines = 0;
        var kept = 0;
        var results = new List<(byte[], int)>[photos];
        (int W, int H)[] sizes = [(1024, 768), (1600, 1200), (1600, 1200), (2048, 1536)];
        Parallel.For(0, photos, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var random = new Random(seed * 7919 + i);
            string Number(int length) => string.Concat(Enumerable.Range(0, length).Select(_ => (char)('0' + random.Next(10))));
            string[] want = [Number(3 + random.Next(3)), Number(3), Number(3 + random.Next(3))];
            var (w, h) = sizes[random.Next(sizes.Length)];
            var jpeg = TrainingCardPhotos.Photograph(seed, i, want, (d, r) => train.Sample(d, fold.Pick(train.Count(d), r)).ToArray(), w, h);
            var capture = new List<List<byte[]>>();
            CardSegmenter.Capture = capture;
            CardReading reading;
            try { reading = CardReader.Default.Read(jpeg); }
            finally { CardSegmenter.Capture = null; }
            var mine = new List<(byte[], int)>();
            if (reading.Found && capture.Count == 3)
            {
                Interlocked.Increment(ref found);
                for (var l = 0; l < 3; l++)
                {
                    Interlocked.Increment(ref lines);
                    if (capture[l].Count != want[l].Length) continue;
                    Interlocked.Increment(ref kept);
                    for (var k = 0; k < want[l].Length; k++) mine.Add((capture[l][k], want[l][k] - '0'));
                }
            }
            results[i] = mine;
        });
        var all = results.SelectMany(r => r).ToArray();
        Console.WriteLine($"card digits: {photos} photos, {found} cards found, {kept}/{lines} lines cut into the drawn count, {all.Length} digits, {watch.Elapsed.TotalSeconds:F0} s");
        return all;
    }

    public static void Save(string path, (byte[] Image, int Digit)[] digits)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        foreach (var (image, digit) in digits) { gzip.WriteByte((byte)digit); gzip.Write(image); }
    }
}
