using Athar.Synth.Output;

namespace Athar.Synth.Scenes;

/// <summary>
/// Records, while a card is drawn, which MNIST sample each digit is and what share of its ink lies under the
/// case's cover (<see cref="SceneSpec.Covers"/>). A digit mostly under the cover is in none of the case's
/// photos, so no reader and no person can read it from them; the evaluation counts such numbers apart.
/// </summary>
internal sealed class CardDigitInk(SceneSpec scene)
{
    private readonly List<GroundTruthDigit>[] _lines = [[], [], []];
    private int _sample;
    private double _total, _covered;

    public IReadOnlyList<IReadOnlyList<GroundTruthDigit>> Lines => _lines;

    public void Begin(int packageIndex)
    {
        _sample = packageIndex;
        _total = _covered = 0;
    }

    public void Add(float u, float v, float ink)
    {
        _total += ink;
        if (scene.Covers(u, v)) _covered += ink;
    }

    public void End(int line) => _lines[line].Add(new GroundTruthDigit(_sample, _total > 0 ? Math.Round(_covered / _total, 3) : 0));
}
