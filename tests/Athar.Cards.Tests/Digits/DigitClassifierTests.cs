using Athar.Cards.Digits;

namespace Athar.Cards.Tests.Digits;

public class DigitClassifierTests
{
    [Fact]
    public void Held_out_half_is_read_at_98_percent_or_better()
    {
        var set = HeldOut.Set;
        Assert.Equal(5002, set.Total);
        // The split: the held-out half starts at floor(n/2) of each digit's package samples (docs/synth.md).
        Assert.Equal(500, set.FirstPackageIndex(0));
        Assert.Equal(563, set.FirstPackageIndex(1));
        var right = 0;
        Span<float> probabilities = stackalloc float[10];
        for (var d = 0; d < 10; d++)
            for (var i = 0; i < set.Count(d); i++)
                if (DigitClassifier.Default.Classify(set.Sample(d, i), probabilities) == d) right++;
        var accuracy = (double)right / set.Total;
        Assert.True(accuracy >= 0.98, $"held-out accuracy {accuracy:P2} is below 98%");
    }

    [Fact]
    public void The_committed_model_averages_its_three_networks_and_reads_the_held_out_half_better_than_any_one()
    {
        DigitClassifier[] members =
        [
            Embedded("Athar.Cards.digit-weights.bin.gz"),
            Embedded("Athar.Cards.digit-weights-2.bin.gz"),
            Embedded("Athar.Cards.digit-weights-3.bin.gz"),
        ];
        Assert.Equal(3, DigitClassifier.Default.NetworkCount);

        var sample = HeldOut.Set.Sample(4, 17).ToArray();
        var mean = DigitClassifier.Default.Classify(sample).Probabilities;
        var each = Array.ConvertAll(members, m => m.Classify(sample).Probabilities);
        for (var c = 0; c < 10; c++) Assert.Equal((each[0][c] + each[1][c] + each[2][c]) / 3, mean[c], 6);

        // Why three ship (docs/cards.md, "A third, deeper network" and "Networks trained to turn"): together they err on
        // fewer held-out digits.
        var set = HeldOut.Set;
        var right = new int[members.Length];
        var rightAll = 0;
        for (var d = 0; d < 10; d++)
            for (var i = 0; i < set.Count(d); i++)
            {
                var image = set.Sample(d, i);
                rightAll += DigitClassifier.Default.Classify(image).Digit == d ? 1 : 0;
                for (var m = 0; m < members.Length; m++) right[m] += members[m].Classify(image).Digit == d ? 1 : 0;
            }
        Assert.True(rightAll > right.Max(), $"all three {rightAll}, each {string.Join(", ", right)} of {set.Total}");
        // The C# pass of the deep network reads what PyTorch measured on the same half-precision weights
        // (Resources/digit-weights-3.txt: 4952 of 5002); summation order may move a digit on a knife edge.
        Assert.InRange(right[2], 4950, 4954);
    }

    private static DigitClassifier Embedded(string name)
    {
        using var stream = typeof(DigitClassifier).Assembly.GetManifestResourceStream(name)!;
        return DigitClassifier.Load(stream);
    }

    [Fact]
    public void Probabilities_sum_to_one_and_the_confidence_is_the_winners()
    {
        var prediction = DigitClassifier.Default.Classify(HeldOut.Set.Sample(7, 3));
        Assert.Equal(10, prediction.Probabilities.Length);
        Assert.Equal(1.0, prediction.Probabilities.Sum(), 3);
        Assert.Equal(prediction.Probabilities.Max(), prediction.Confidence);
        Assert.Equal(prediction.Probabilities[prediction.Digit], prediction.Confidence);
    }

    [Fact]
    public void Same_image_gives_the_same_probabilities_bit_for_bit()
    {
        var sample = HeldOut.Set.Sample(3, 10).ToArray();
        var a = DigitClassifier.Default.Classify(sample);
        var b = DigitClassifier.Default.Classify(sample);
        Assert.Equal(a.Probabilities, b.Probabilities);
    }

    [Fact]
    public void Wrong_image_size_is_refused()
    {
        Assert.Throws<ArgumentException>(() => DigitClassifier.Default.Classify(new byte[100]));
    }

    [Fact]
    public void Weights_file_round_trips_through_half_precision()
    {
        var network = new DigitNetwork(8, 3, 12, 5, 20);
        var parameters = new float[network.ParameterCount];
        for (var i = 0; i < parameters.Length; i++) parameters[i] = (i % 17 - 8) * 0.01f;
        using var file = new MemoryStream();
        DigitWeights.Save(network, parameters, file);
        file.Position = 0;
        var (shape, back) = DigitWeights.Load(file);
        DigitWeights.RoundToHalf(parameters);
        Assert.Equal(network, shape);
        Assert.Equal(parameters, back);
    }

    [Fact]
    public void Weights_file_of_another_network_is_refused()
    {
        // A file whose count does not fit its own shape (written by hand: Save refuses such a pair).
        using var file = new MemoryStream();
        DigitWeights.Save(new DigitNetwork(4, 3, 4, 3, 8), new float[new DigitNetwork(4, 3, 4, 3, 8).ParameterCount], file);
        var raw = GzipBytes.Unpack(file.ToArray());
        raw[8] = 5; // C1 of 5: the count no longer fits
        Assert.Throws<InvalidDataException>(() => DigitWeights.Load(new MemoryStream(GzipBytes.Pack(raw))));
        Assert.Throws<ArgumentException>(() => DigitWeights.Save(DigitNetwork.Classic, new float[10], new MemoryStream()));
    }

    [Fact]
    public void First_format_files_load_as_the_classic_shape()
    {
        // ATDIGNN1: no shape, int32 count, halves of a DigitNetwork.Classic network.
        var count = DigitNetwork.Classic.ParameterCount;
        var raw = new byte[12 + 2 * count];
        "ATDIGNN1"u8.CopyTo(raw);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(8), count);
        System.Buffers.Binary.BinaryPrimitives.WriteHalfLittleEndian(raw.AsSpan(12 + 2 * 5), (Half)0.5f);
        var (network, parameters) = DigitWeights.Load(new MemoryStream(GzipBytes.Pack(raw)));
        Assert.Equal(DigitNetwork.Classic, network);
        Assert.Equal(0.5f, parameters[5]);
        Assert.Equal(count, parameters.Length);
    }
}
