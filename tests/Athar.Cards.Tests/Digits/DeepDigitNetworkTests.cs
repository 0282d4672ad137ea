using Athar.Cards.Digits;

namespace Athar.Cards.Tests.Digits;

public class DeepDigitNetworkTests
{
    // Odd widths and a pool after an odd side: the shapes where an index slip would show.
    private static readonly DeepDigitNetwork Odd = new([(5, false), (6, true), (7, false), (9, true)], 11);

    [Fact]
    public void The_pass_computes_what_plain_loops_over_the_layers_compute()
    {
        var parameters = RandomParameters(Odd, seed: 3);
        var random = new Random(4);
        var workspace = Odd.CreateWorkspace();
        for (var trial = 0; trial < 3; trial++)
        {
            for (var i = 0; i < workspace.Input.Length; i++) workspace.Input[i] = (float)random.NextDouble();
            Odd.Forward(parameters, workspace);
            var expected = Reference(Odd, parameters, workspace.Input);
            for (var c = 0; c < 10; c++) Assert.Equal(expected[c], workspace.Probabilities[c], 5);
        }
    }

    [Fact]
    public void Shape_and_parameter_count_follow_the_layers()
    {
        var shipped = new DeepDigitNetwork([(32, false), (32, true), (64, false), (64, true)], 256);
        Assert.Equal("32,32p,64,64p:256", shipped.ToString());
        Assert.Equal(shipped, DeepDigitNetwork.Parse("32,32p,64,64p:256"));
        Assert.Throws<FormatException>(() => DeepDigitNetwork.Parse("32,3x,64:256"));
        Assert.Equal(64 * 4 * 4, shipped.Flat);
        // PyTorch's count for the same layers (batch normalisation folded away): 330,346 less 2 x (32+32+64+64).
        Assert.Equal(329_962, shipped.ParameterCount);
        Assert.Equal(shipped, new DeepDigitNetwork([(32, false), (32, true), (64, false), (64, true)], 256));
        Assert.NotEqual(shipped, new DeepDigitNetwork([(32, false), (32, true), (64, true)], 256));
        Assert.Throws<ArgumentException>(() => new DeepDigitNetwork([(8, true), (8, true), (8, true), (8, true)], 16));
    }

    [Fact]
    public void Weights_file_round_trips_and_refuses_what_it_cannot_read()
    {
        var parameters = RandomParameters(Odd, seed: 5);
        using var file = new MemoryStream();
        DigitWeights.Save(Odd, parameters, file);
        file.Position = 0;
        var (network, back) = DigitWeights.Load(file);
        DigitWeights.RoundToHalf(parameters);
        Assert.Equal<IDigitNetwork>(Odd, network);
        Assert.Equal(parameters, back);

        var raw = GzipBytes.Unpack(file.ToArray());
        Assert.Equal("ATDIGNN3"u8.ToArray(), raw[..8]);
        var kernel = raw.ToArray();
        kernel[12 + 4] = 5; // the first convolution's kernel: only 3x3 is read
        Assert.Throws<InvalidDataException>(() => DigitWeights.Load(new MemoryStream(GzipBytes.Pack(kernel))));
        var width = raw.ToArray();
        width[12] = 4; // the first convolution's width: the count no longer fits
        Assert.Throws<InvalidDataException>(() => DigitWeights.Load(new MemoryStream(GzipBytes.Pack(width))));
        Assert.Throws<InvalidDataException>(() => DigitWeights.Load(new MemoryStream(GzipBytes.Pack(raw[..20]))));
    }

    [Fact]
    public void A_deep_network_averages_with_a_two_convolution_one()
    {
        var deep = new DigitClassifier(Odd, RandomParameters(Odd, seed: 6));
        var small = new DigitNetwork(4, 3, 4, 3, 8);
        var plain = new DigitClassifier(small, RandomParameters(small, seed: 7));
        var both = DigitClassifier.Average(deep, plain);
        var image = HeldOut.Set.Sample(2, 9);
        var a = deep.Classify(image).Probabilities;
        var b = plain.Classify(image).Probabilities;
        var mean = both.Classify(image).Probabilities;
        Assert.Equal(2, both.NetworkCount);
        for (var c = 0; c < 10; c++) Assert.Equal((a[c] + b[c]) / 2, mean[c], 6);
    }

    private static float[] RandomParameters(IDigitNetwork network, int seed)
    {
        var random = new Random(seed);
        var parameters = new float[network.ParameterCount];
        for (var i = 0; i < parameters.Length; i++) parameters[i] = (float)(random.NextDouble() - 0.45) * 0.6f;
        return parameters;
    }

    /// <summary>The network written out as nested loops over channels, rows and kernel taps, in the file's parameter order.</summary>
    private static double[] Reference(DeepDigitNetwork network, float[] p, float[] input)
    {
        var map = Array.ConvertAll(input, v => (double)v);
        int channels = 1, side = 28, at = 0;
        foreach (var (width, pool) in network.Convolutions)
        {
            var outSide = side - 2;
            var output = new double[width * outSide * outSide];
            var bias = at + width * channels * 9;
            for (var o = 0; o < width; o++)
                for (var y = 0; y < outSide; y++)
                    for (var x = 0; x < outSide; x++)
                    {
                        double sum = p[bias + o];
                        for (var c = 0; c < channels; c++)
                            for (var ky = 0; ky < 3; ky++)
                                for (var kx = 0; kx < 3; kx++)
                                    sum += p[at + ((o * channels + c) * 3 + ky) * 3 + kx] * map[(c * side + y + ky) * side + x + kx];
                        output[(o * outSide + y) * outSide + x] = Math.Max(0, sum);
                    }
            at = bias + width;
            (map, side, channels) = (output, outSide, width);
            if (!pool) continue;
            var half = side / 2;
            var pooled = new double[channels * half * half];
            for (var c = 0; c < channels; c++)
                for (var y = 0; y < half; y++)
                    for (var x = 0; x < half; x++)
                    {
                        var m = double.MinValue;
                        for (var dy = 0; dy < 2; dy++)
                            for (var dx = 0; dx < 2; dx++) m = Math.Max(m, map[(c * side + 2 * y + dy) * side + 2 * x + dx]);
                        pooled[(c * half + y) * half + x] = m;
                    }
            (map, side) = (pooled, half);
        }
        var hidden = new double[network.Hidden];
        for (var h = 0; h < hidden.Length; h++)
        {
            double sum = p[at + network.Hidden * map.Length + h];
            for (var i = 0; i < map.Length; i++) sum += p[at + h * map.Length + i] * map[i];
            hidden[h] = Math.Max(0, sum);
        }
        at += network.Hidden * map.Length + network.Hidden;
        var logits = new double[10];
        for (var k = 0; k < 10; k++)
        {
            double sum = p[at + 10 * hidden.Length + k];
            for (var h = 0; h < hidden.Length; h++) sum += p[at + k * hidden.Length + h] * hidden[h];
            logits[k] = sum;
        }
        var top = logits.Max();
        var exp = Array.ConvertAll(logits, l => Math.Exp(l - top));
        var total = exp.Sum();
        return Array.ConvertAll(exp, e => e / total);
    }
}
