using Athar.Core.Intake;
using Athar.Core.Intake.Sources;
using Athar.Forensics.Analysis;
using Athar.Storage.Fixity;
using Spectre.Console;

namespace Athar.Cli.Hosting;

/// <summary>Progress bars for a person at a terminal: files/s, MB/s and time left. Never used for --json or pipes.</summary>
internal static class ProgressDisplay
{
    public static async Task<IngestSummary> RunIngestAsync(IReadOnlyList<string> inputs, Func<IProgress<IngestProgress>, Task<IngestSummary>> run)
    {
        // A metadata-only walk first, so the bar knows its total; it reads no file contents.
        long files = 0, bytes = 0;
        foreach (var input in inputs)
            foreach (var entry in SourceReader.Read(input))
                if (entry.Kind == SourceEntryKind.File) { files++; bytes += entry.Size; }
        var started = DateTime.UtcNow;
        IngestSummary? summary = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask($"ingest 0/{files} files", maxValue: Math.Max(bytes, 1));
                var progress = new Progress<IngestProgress>(p =>
                {
                    var seconds = Math.Max((DateTime.UtcNow - started).TotalSeconds, 0.001);
                    task.Value = p.BytesDone;
                    task.Description = $"ingest {p.FilesDone}/{files} files, {p.FilesDone / seconds:F0} files/s, ETA {Eta(bytes - p.BytesDone, p.BytesDone / seconds)}";
                });
                summary = await run(progress);
                task.Value = task.MaxValue;
            });
        return summary!;
    }

    public static FixityReport RunVerify(Func<IProgress<FixityProgress>, FixityReport> run)
    {
        FixityReport? report = null;
        var started = DateTime.UtcNow;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("verify", maxValue: 1);
                var progress = new Progress<FixityProgress>(p =>
                {
                    var seconds = Math.Max((DateTime.UtcNow - started).TotalSeconds, 0.001);
                    task.MaxValue = Math.Max(p.BytesTotal, 1);
                    task.Value = p.BytesDone;
                    task.Description = $"verify {p.ItemsDone}/{p.ItemsTotal} items, {p.ItemsDone / seconds:F0} items/s, ETA {Eta(p.BytesTotal - p.BytesDone, p.BytesDone / seconds)}";
                });
                report = run(progress);
                task.Value = task.MaxValue;
            });
        return report!;
    }

    /// <summary>
    /// The item analyzers report each item done; the archive-level analyzers that follow run as one step, shown
    /// as the bar's last stretch ("archive analyzers") so the bar does not sit at 100% while they work.
    /// </summary>
    public static AnalysisPassSummary RunAnalysis(Func<IProgress<AnalysisProgress>, AnalysisPassSummary> run)
    {
        AnalysisPassSummary? summary = null;
        var started = DateTime.UtcNow;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("analyze: finding stale items", maxValue: 1);
                var progress = new Progress<AnalysisProgress>(p =>
                {
                    var seconds = Math.Max((DateTime.UtcNow - started).TotalSeconds, 0.001);
                    task.MaxValue = Math.Max(p.ItemsTotal, 1);
                    task.Value = p.ItemsDone;
                    task.Description = p.ItemsDone < p.ItemsTotal
                        ? $"analyze {p.ItemsDone}/{p.ItemsTotal} items, {p.ItemsDone / seconds:F1} items/s, ETA {Eta(p.ItemsTotal - p.ItemsDone, p.ItemsDone / seconds)}"
                        : $"analyze {p.ItemsDone}/{p.ItemsTotal} items; archive analyzers";
                });
                summary = run(progress);
                task.Value = task.MaxValue;
                task.Description = $"analyze {summary.Items.ItemsAnalysed} items, {summary.Findings} findings";
            });
        return summary!;
    }

    // Spectre's remaining-time column samples too coarsely for bursty progress; this uses the mean rate.
    private static string Eta(long bytesLeft, double bytesPerSecond) =>
        bytesPerSecond <= 0 ? "--:--" : TimeSpan.FromSeconds(Math.Max(0, bytesLeft) / bytesPerSecond).ToString(@"hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture);
}
