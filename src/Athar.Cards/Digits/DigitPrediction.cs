namespace Athar.Cards.Digits;

/// <summary>One recognised digit: the most probable class, its probability, and all ten probabilities.</summary>
public readonly record struct DigitPrediction(int Digit, float Confidence, float[] Probabilities);
