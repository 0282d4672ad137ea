namespace Athar.Synth.Tests;

public sealed class AnomalyTypesTests
{
    [Fact]
    public void Parses_lists_and_rejects_unknown_names()
    {
        Assert.Equal(AnomalyTypes.All, AnomalyTypes.Parse("all"));
        Assert.Equal(AnomalyTypes.All, AnomalyTypes.Parse(null));
        Assert.Equal([AnomalyType.Resaved, AnomalyType.Clone], AnomalyTypes.Parse("resaved, clone,resaved"));
        Assert.Throws<ArgumentException>(() => AnomalyTypes.Parse("resaved,photoshopped"));
        Assert.Equal("corrupt", AnomalyType.Corrupt.Name());
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentException>(() => new SynthOptions { OutputDirectory = "x", Photos = 0 }.Validate());
        Assert.Throws<ArgumentException>(() => new SynthOptions { OutputDirectory = "x", AnomalyRate = 2 }.Validate());
        Assert.Throws<ArgumentException>(() => new SynthOptions { OutputDirectory = "x", Width = 10 }.Validate());
        new SynthOptions { OutputDirectory = "x" }.Validate();
    }
}
