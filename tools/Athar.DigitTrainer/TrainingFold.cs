namespace Athar.DigitTrainer;

/// <summary>
/// A part of the training half, for choosing a network without touching the held-out half: every fifth
/// training digit of each class (index mod 5 = 4) is the <see cref="Check"/> fold, the rest the
/// <see cref="Fit"/> fold. A model chosen by its score on Check digits was never fitted to those digits'
/// shapes, however often they are re-drawn on cards; the shipped weights then train on <see cref="All"/>.
/// </summary>
internal readonly record struct TrainingFold(string Name)
{
    public static readonly TrainingFold All = new("all");
    public static readonly TrainingFold Fit = new("fit");
    public static readonly TrainingFold Check = new("check");

    public static TrainingFold Parse(string name) => name switch
    {
        "all" => All,
        "fit" => Fit,
        "check" => Check,
        _ => throw new ArgumentException($"unknown fold {name} (all, fit or check)"),
    };

    public bool Holds(int index) => Name switch
    {
        "fit" => index % 5 != 4,
        "check" => index % 5 == 4,
        _ => true,
    };

    /// <summary>A uniformly drawn index of this fold among <paramref name="count"/> training digits of one class.</summary>
    public int Pick(int count, Random random)
    {
        if (Name == "all") return random.Next(count);
        var inCheck = count / 5;                       // indices 4, 9, 14, ... below count
        var k = random.Next(Name == "check" ? inCheck : count - inCheck);
        return Name == "check" ? 5 * k + 4 : k + k / 4;  // skip every fifth index
    }
}
