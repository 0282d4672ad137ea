using System.Text.Json.Nodes;
using Athar.Cli.Hosting;

namespace Athar.Cli.Tests.Support;

/// <summary>What one in-process run of `athar` printed and returned.</summary>
public sealed record CliRun(int Exit, string Out, string Err)
{
    public JsonNode Json => JsonNode.Parse(Out) ?? throw new InvalidOperationException("stdout held no JSON: " + Out + Err);

    public override string ToString() => $"exit {Exit}\nstdout: {Out}\nstderr: {Err}";
}

/// <summary>Runs the real command tree in-process (<see cref="CliApp.RunAsync"/>) against one archive folder.</summary>
public sealed class AtharCli(string archive)
{
    public string Archive { get; } = archive;

    public static async Task<CliRun> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    public Task<CliRun> Do(params string[] args) => Run(["--archive", Archive, .. args]);

    public Task<CliRun> Json(params string[] args) => Run(["--archive", Archive, "--json", .. args]);

    public async Task<CliRun> Init()
    {
        var run = await Do("init");
        Assert.True(run.Exit == 0, run.ToString());
        return run;
    }

    public async Task<JsonNode> Ingest(params string[] args)
    {
        var run = await Json(["ingest", .. args]);
        Assert.True(run.Exit is 0 or 1, run.ToString());
        return run.Json;
    }

    public async Task<CliRun> VerifyOk()
    {
        var run = await Json("verify");
        Assert.True(run.Exit == 0, run.ToString());
        return run;
    }
}
