using System.CommandLine;
using System.Globalization;
using Athar.Cli.Hosting;
using Athar.Synth;
using Spectre.Console;

namespace Athar.Cli.Commands;

/// <summary>`athar synth --out DIR ...`: writes a synthetic archive with ground truth (docs/synth.md).</summary>
internal static class SynthCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out") { Description = "folder to write the synthetic archive into", Required = true };
        var photos = new Option<int>("--photos") { Description = "photos taken (originals)", DefaultValueFactory = _ => 300 };
        var cameras = new Option<int>("--cameras") { Description = "archive cameras shooting in parallel", DefaultValueFactory = _ => 3 };
        var drives = new Option<int>("--drives") { Description = "drive folders (drive-01, ...)", DefaultValueFactory = _ => 3 };
        var resolution = new Option<string>("--resolution") { Description = "image size WxH", DefaultValueFactory = _ => "2048x1536" };
        var anomalies = new Option<double>("--anomalies") { Description = "share of photos with a planted anomaly, 0..1", DefaultValueFactory = _ => 0.02 };
        var anomalyTypes = new Option<string>("--anomaly-types") { Description = "comma-separated: resaved,clone,splice,foreign,stripped,clock,corrupt (default all)", DefaultValueFactory = _ => "all" };
        var seed = new Option<long>("--seed") { Description = "random seed; same arguments give identical bytes", DefaultValueFactory = _ => 1 };
        var bodiesPerDay = new Option<int>("--bodies-per-day") { Description = "bodies photographed per day", DefaultValueFactory = _ => 50 };
        var start = new Option<string>("--start") { Description = "first day of the shoot, yyyy-MM-dd", DefaultValueFactory = _ => "2011-05-15" };
        var parallelism = new Option<int>("--parallelism") { Description = "render threads (0: one per core)", DefaultValueFactory = _ => 0 };
        var contactSheet = new Option<string?>("--contact-sheet") { Description = "also write a JPEG contact sheet of 12 sample photos to this file" };

        var command = new Command("synth", "write a synthetic archive with ground truth (abstract, non-graphic scenes)")
        {
            output, photos, cameras, drives, resolution, anomalies, anomalyTypes, seed, bodiesPerDay, start, parallelism, contactSheet,
        };
        command.SetAction(parse =>
        {
            var (width, height) = ParseResolution(parse.GetValue(resolution)!);
            if (!DateTime.TryParseExact(parse.GetValue(start), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var startDay))
                throw new CliException("--start must be yyyy-MM-dd", ExitCodes.Usage);
            SynthOptions options;
            try
            {
                options = new SynthOptions
                {
                    OutputDirectory = Path.GetFullPath(parse.GetValue(output)!),
                    Photos = parse.GetValue(photos),
                    Cameras = parse.GetValue(cameras),
                    Drives = parse.GetValue(drives),
                    Width = width,
                    Height = height,
                    AnomalyRate = parse.GetValue(anomalies),
                    AnomalyTypes = AnomalyTypes.Parse(parse.GetValue(anomalyTypes)),
                    Seed = parse.GetValue(seed),
                    BodiesPerDay = parse.GetValue(bodiesPerDay),
                    Start = startDay,
                    Parallelism = parse.GetValue(parallelism),
                };
                options.Validate();
            }
            catch (ArgumentException e)
            {
                throw new CliException(e.Message, ExitCodes.Usage);
            }
            var result = context.IsInteractive && !context.WantsJson(parse) ? WithProgressBar(options) : SynthGenerator.Generate(options);
            var sheet = parse.GetValue(contactSheet);
            if (!string.IsNullOrWhiteSpace(sheet)) ContactSheet.Write(options, result, Path.GetFullPath(sheet));
            if (context.WantsJson(parse))
            {
                context.WriteJson(new
                {
                    photos = result.Photos,
                    files = result.Files,
                    cameras = result.Cameras,
                    cases = result.Cases,
                    drives = result.Drives,
                    anomalies = result.Anomalies,
                    groundTruth = result.GroundTruthPath,
                    seconds = Math.Round(result.Elapsed.TotalSeconds, 3),
                });
            }
            else
            {
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"wrote {result.Photos} photos ({result.Files} files, {result.Cases} cases, {result.Cameras} cameras, {result.Drives} drives, {result.Anomalies} planted anomalies) to {options.OutputDirectory} in {result.Elapsed.TotalSeconds:0.0} s ({result.Photos / Math.Max(1e-9, result.Elapsed.TotalSeconds):0.0} photos/s)"));
                context.Out.WriteLine($"ground truth: {result.GroundTruthPath}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static SynthResult WithProgressBar(SynthOptions options)
    {
        SynthResult? result = null;
        AnsiConsole.Progress().Start(progress =>
        {
            var task = progress.AddTask("synth", maxValue: 1);
            result = SynthGenerator.Generate(options, new Reporter(task));
            task.Value = task.MaxValue;
        });
        return result!;
    }

    /// <summary>Moves the bar from the worker threads directly (Progress&lt;T&gt; would queue callbacks).</summary>
    private sealed class Reporter(ProgressTask task) : IProgress<SynthProgress>
    {
        public void Report(SynthProgress value)
        {
            task.MaxValue = value.Total;
            task.Value = value.Done;
        }
    }

    internal static (int Width, int Height) ParseResolution(string text)
    {
        var parts = text.ToLowerInvariant().Split('x');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w) && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h))
            return (w, h);
        throw new CliException($"--resolution must look like 2048x1536, not '{text}'", ExitCodes.Usage);
    }
}
