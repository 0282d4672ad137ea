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
        var parameters = new float[DigitNetwork.ParameterCount];
        for (var i = 0; i < parameters.Length; i++) parameters[i] = (i % 17 - 8) * 0.01f;
        using var file = new MemoryStream();
        DigitWeights.Save(parameters, file);
        file.Position = 0;
        var back = DigitWeights.Load(file);
        DigitWeights.RoundToHalf(parameters);
        Assert.Equal(parameters, back);
    }

    [Fact]
    public void Weights_file_of_another_network_is_refused()
    {
        using var file = new MemoryStream();
        DigitWeights.Save(new float[10], file);
        file.Position = 0;
        Assert.Throws<InvalidDataException>(() => DigitWeights.Load(file));
    }
}
