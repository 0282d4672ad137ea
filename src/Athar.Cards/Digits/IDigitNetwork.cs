namespace Athar.Cards.Digits;

/// <summary>
/// What <see cref="DigitClassifier"/> needs of a recogniser network: how many parameters it takes, buffers for
/// one pass, and the pass itself. Two shapes ship: <see cref="DigitNetwork"/> (two convolutions, ATDIGNN1 and 2)
/// and <see cref="DeepDigitNetwork"/> (a stack of 3x3 convolutions, ATDIGNN3). Equal shapes are equal values,
/// so networks of one shape share a thread's buffers.
/// </summary>
public interface IDigitNetwork
{
    int ParameterCount { get; }

    /// <summary>Throws unless <paramref name="parameters"/> holds exactly <see cref="ParameterCount"/> values.</summary>
    void RequireParameters(ReadOnlySpan<float> parameters);

    /// <summary>Buffers for one forward pass. One per thread.</summary>
    DigitWorkspace CreateWorkspace();

    /// <summary>Runs the network on <see cref="DigitWorkspace.Input"/> and leaves the ten class probabilities in <see cref="DigitWorkspace.Probabilities"/>.</summary>
    void Forward(ReadOnlySpan<float> parameters, DigitWorkspace workspace);
}

/// <summary>A network's input (28x28, ink 0..1) and output (ten probabilities); each shape adds its own buffers.</summary>
public abstract class DigitWorkspace
{
    public float[] Input { get; } = new float[DigitNetwork.Side * DigitNetwork.Side];
    public float[] Probabilities { get; } = new float[DigitNetwork.Classes];
}
