using System.Text.Json.Nodes;
using Athar.Cli.Tests.Support;
using Athar.TestSupport;

namespace Athar.Cli.Tests.Commands;

/// <summary>`athar cameras` lists what the last camera-timeline run found.</summary>
public sealed class CamerasCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new("cameras");
    private readonly AtharCli _athar;

    public CamerasCommandTests() => _athar = new AtharCli(_temp.Combine("archive"));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Cameras_are_listed_after_analyze_and_a_hint_is_given_before()
    {
        await _athar.Init();
        var before = await _athar.Json("cameras");
        Assert.Equal(0, before.Exit);
        Assert.False(before.Json["analyzed"]!.GetValue<bool>());
        Assert.Empty(before.Json["cameras"]!.AsArray());

        var photos = Directory.EnumerateFiles(TestData.CameraOriginals, "*.jpg").Order(StringComparer.Ordinal).Take(4).ToList();
        foreach (var photo in photos) _temp.WriteFile($"drive/{Path.GetFileName(photo)}", File.ReadAllBytes(photo));
        await _athar.Ingest(_temp.Combine("drive"), "--source", "d1");
        var analyze = await _athar.Json("analyze");
        Assert.True(analyze.Exit is 0 or 1, analyze.ToString());

        var after = await _athar.Json("cameras");
        Assert.Equal(0, after.Exit);
        Assert.True(after.Json["analyzed"]!.GetValue<bool>());
        var cameras = after.Json["cameras"]!.AsArray().OfType<JsonObject>().ToList();
        Assert.NotEmpty(cameras);
        Assert.All(cameras, c => Assert.StartsWith("cam-", c["camera"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal(after.Json["withCamera"]!.GetValue<int>(), cameras.Sum(c => c["items"]!.GetValue<int>()));
        var text = await _athar.Do("cameras");
        Assert.Contains(cameras[0]["label"]!.GetValue<string>(), text.Out, StringComparison.Ordinal);
    }
}
