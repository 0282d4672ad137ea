using System.Globalization;
using Athar.Imaging.Digits;

namespace Athar.DigitTrainer;

/// <summary>
/// Writes training digits as files for a trainer outside .NET (scripts/digits/train.py): each file is
/// gzipped records of one label byte and 784 ink bytes (28x28, row-major), the format of
/// <see cref="CardDigits.Save"/>. Made here so that every digit goes through the same C# pipeline the reader
/// uses (Augment, the card photographer, the finder, rectifier, segmenter and normaliser).
/// <code>
/// Athar.DigitTrainer --export DIR --train TRAIN.bin.gz --heldout HELDOUT.bin.gz
///                    [--fold all|fit|check] [--card-photos N] [--augmented K] [--seed S]
/// </code>
/// DIR/card-FOLD.bin.gz: the card digits of N photos drawn from the fold. DIR/mnist-FOLD.bin.gz: K augmented
/// images of each of the fold's training digits. DIR/heldout.bin.gz: the held-out half as it is (measured only).
/// </summary>
internal static class Export
{
    public static int Run(string[] args)
    {
        string dir = "", trainPath = "", heldOutPath = "";
        var fold = TrainingFold.All;
        int photos = 0, augmented = 0, seed = 7;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var v = args[i + 1];
            switch (args[i])
            {
                case "--export": dir = v; break;
                case "--train": trainPath = v; break;
                case "--heldout": heldOutPath = v; break;
                case "--fold": fold = TrainingFold.Parse(v); break;
                case "--card-photos": photos = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--augmented": augmented = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(v, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        if (dir.Length == 0 || trainPath.Length == 0 || heldOutPath.Length == 0)
            throw new ArgumentException("--export, --train and --heldout are required");
        Directory.CreateDirectory(dir);
        var train = MnistSet.Load(trainPath);
        if (photos > 0) CardDigits.Save(Path.Combine(dir, $"card-{fold.Name}.bin.gz"), CardDigits.Make(train, fold, photos, seed));
        if (augmented > 0)
        {
            var digits = Augmented(train, fold, augmented, seed);
            CardDigits.Save(Path.Combine(dir, $"mnist-{fold.Name}.bin.gz"), digits);
            Console.WriteLine($"augmented MNIST: {digits.Length} images of the {fold.Name} fold");
        }
        var heldOut = MnistSet.Load(heldOutPath);
        var raw = new List<(byte[], int)>();
        for (var d = 0; d < 10; d++) for (var i = 0; i < heldOut.Count(d); i++) raw.Add((heldOut.Sample(d, i).ToArray(), d));
        CardDigits.Save(Path.Combine(dir, "heldout.bin.gz"), [.. raw]);
        return 0;
    }

    private static (byte[] Image, int Digit)[] Augmented(MnistSet train, TrainingFold fold, int copies, int seed)
    {
        var members = new List<(int Digit, int Index)>();
        for (var d = 0; d < 10; d++) for (var i = 0; i < train.Count(d); i++) if (fold.Holds(i)) members.Add((d, i));
        var result = new (byte[] Image, int Digit)[members.Count * copies];
        Parallel.For(0, result.Length, k =>
        {
            var (digit, index) = members[k % members.Count];
            var random = new Random((int)((uint)(seed * 1_000_003 + k) * 2654435761u & 0x7fffffff));
            var neighbour = members[random.Next(members.Count)];
            Span<float> image = stackalloc float[28 * 28];
            Augment.Make(train.Sample(digit, index), train.Sample(neighbour.Digit, neighbour.Index), random, image);
            var bytes = new byte[image.Length];
            for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)Math.Clamp(MathF.Round(image[i] * 255f), 0f, 255f);
            result[k] = (bytes, digit);
        });
        return result;
    }
}
