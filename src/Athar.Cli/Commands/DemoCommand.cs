using System.CommandLine;
using Athar.Cli.Hosting;
using Athar.Core.Custody;
using Athar.Core.Intake;
using Athar.Storage;
using Athar.Storage.Fixity;
using Athar.Synth;
using Athar.Forensics.Analysis;
using Athar.Forensics.Analyzers;
using Athar.Cases.Editing;
using Athar.Web.Accounts;

namespace Athar.Cli.Commands;

/// <summary>
/// `athar demo`: a first look in about a minute. Synthesises a small archive (abstract scenes, no real
/// imagery), creates an Athar archive, ingests every drive as its own source, runs the analyzers,
/// verifies fixity and the ledger, then serves the web app with a one-time admin account.
/// </summary>
internal static class DemoCommand
{
    private const string Marker = ".athar-demo";

    public static Command Create(CliContext context)
    {
        var folder = new Option<string>("--dir") { Description = "demo folder (replaced if it holds an earlier demo)", DefaultValueFactory = _ => "demo" };
        var photos = new Option<int>("--photos") { Description = "photos to synthesise", DefaultValueFactory = _ => 300 };
        var resolution = new Option<string>("--resolution") { Description = "image size WxH", DefaultValueFactory = _ => "1600x1200" };
        var seed = new Option<long>("--seed") { Description = "random seed", DefaultValueFactory = _ => 7 };
        var noServe = new Option<bool>("--no-serve") { Description = "stop after verification instead of serving the web app" };
        var urls = new Option<string>("--urls") { Description = "where the web app listens", DefaultValueFactory = _ => ServeCommand.DefaultUrls };
        var command = new Command("demo", "synthesise a small archive, ingest it drive by drive, analyze, verify, and serve it") { folder, photos, resolution, seed, noServe, urls };
        command.SetAction(async (parse, cancel) =>
        {
            var root = Path.GetFullPath(parse.GetValue(folder)!);
            PrepareFolder(root);
            var input = Path.Combine(root, "synthetic-drives");
            var archivePath = Path.Combine(root, "archive");
            var (width, height) = SynthCommand.ParseResolution(parse.GetValue(resolution)!);
            var log = context.WantsJson(parse) ? TextWriter.Null : context.Out;

            log.WriteLine($"1/6 synthesising {parse.GetValue(photos)} photos into {input} ...");
            var synth = SynthGenerator.Generate(new SynthOptions
            {
                OutputDirectory = input, Photos = parse.GetValue(photos), Width = width, Height = height, Seed = parse.GetValue(seed),
            }, cancel: cancel);
            log.WriteLine($"    {synth.Files} files on {synth.Drives} drives, {synth.Cases} cases, {synth.Anomalies} planted anomalies ({synth.Elapsed.TotalSeconds:0.0} s)");

            log.WriteLine($"2/6 creating the archive {archivePath}");
            var archive = AtharArchive.Init(archivePath);
            var actor = Actors.CurrentUser();
            var sources = new List<object>();
            log.WriteLine("3/6 ingesting each drive as its own source");
            foreach (var drive in Directory.GetDirectories(input).Order(StringComparer.Ordinal))
            {
                var label = Path.GetFileName(drive);
                var summary = await new IngestPipeline(new ArchiveIngestCommitter(archive, actor))
                    .RunAsync([drive], new SourceDescription(label, "demo custodian", DateTime.UtcNow.ToString("yyyy-MM-dd"), "synthetic demo drive"), cancel: cancel);
                archive.WriteCheckpoint(actor);
                log.WriteLine($"    {label}: {summary.FilesSeen} files, {summary.NewItems} new items, {summary.DuplicateCopies} duplicate copies, {summary.Rejected.Count} rejected");
                sources.Add(new { source = label, filesSeen = summary.FilesSeen, newItems = summary.NewItems, duplicateCopies = summary.DuplicateCopies, rejected = summary.Rejected.Count });
            }

            log.WriteLine("4/6 analyzing every item, reading the cards and grouping the photos into cases");
            var analysis = AnalysisPass.Run(new ArchiveAnalysisStore(archive, actor), maxTier: CardReadingAnalyzer.Tier, cancel: cancel);
            var bySeverity = archive.Catalog.FindingCountsBySeverity();
            log.WriteLine($"    {analysis.Items.ItemsAnalysed} items, {analysis.Findings} findings: alert {bySeverity[3]}, warning {bySeverity[2]}, notice {bySeverity[1]}, info {bySeverity[0]}");
            var cases = new CaseBook(new ArchiveCaseStore(archive), actor).Read();
            log.WriteLine($"    {cases.Created} cases from {cases.Photos} photos ({cases.Unassigned.Count} in no case); their numbers are machine-read until a person confirms them");

            log.WriteLine("5/6 verifying every stored original and the custody ledger");
            var fixity = new FixityVerifier(archive).Run(cancel: cancel);
            archive.Record([new CustodyEvent(CustodyEventTypes.VerificationRun, actor, new() { ["archive"] = archive.ArchiveId },
                new() { ["ok"] = fixity.Ok, ["checked"] = fixity.Checked, ["bytesChecked"] = fixity.BytesChecked, ["sample"] = 1.0, ["problems"] = fixity.Problems.Count })]);
            // A one-time admin for this demo alone; its creation is a custody event like any other account's.
            var password = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y');
            AccountCreation.Create(archive, new AccountStore(Path.Combine(archivePath, "accounts.db")), "demo-admin", Roles.Admin, password, null);
            var (size, note) = archive.WriteCheckpoint(actor);
            var counts = archive.Catalog.Counts();
            archive.Dispose(); // the ledger check reads the files as an outsider would, with no writer holding them
            var ledger = AtharArchive.VerifyLedger(archivePath);
            if (context.WantsJson(parse))
            {
                context.WriteJson(new
                {
                    folder = root, archive = archivePath, groundTruth = synth.GroundTruthPath,
                    items = counts.Items, copies = counts.Copies, sources, fixityOk = fixity.Ok, ledgerOk = ledger.Ok, ledgerSize = size + 1, checkpoint = note,
                    findings = analysis.Findings, webAccount = "demo-admin", webPassword = password,
                });
            }
            else
            {
                log.WriteLine($"    fixity: {(fixity.Ok ? "ok" : "PROBLEMS")}, {fixity.Checked} items; ledger: {(ledger.Ok ? "ok" : "PROBLEMS")}, {ledger.Entries} entries, {ledger.Checkpoints} signed checkpoints");
                log.WriteLine();
                log.WriteLine($"archive: {counts.Items} items, {counts.Copies} copies from {counts.Sources} sources. Latest signed checkpoint:");
                log.WriteLine();
                log.Write(note);
                log.WriteLine();
                log.WriteLine("Try next:");
                log.WriteLine($"  ./athar --archive {Relative(archivePath)} status");
                log.WriteLine($"  ./athar --archive {Relative(archivePath)} items --limit 5");
                log.WriteLine($"  ./athar --archive {Relative(archivePath)} ledger prove <ID>");
                log.WriteLine($"  ./athar --archive {Relative(archivePath)} ledger export /tmp/athar-ledger-export");
                log.WriteLine($"  ./athar ocfl validate {Relative(Path.Combine(archivePath, "objects"))}");
                log.WriteLine($"  ./athar --archive {Relative(archivePath)} findings --severity warning");
            }
            var ok = fixity.Ok && ledger.Ok;
            if (parse.GetValue(noServe) || context.WantsJson(parse)) return ok ? ExitCodes.Ok : ExitCodes.Problems;
            var listen = parse.GetValue(urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            log.WriteLine();
            log.WriteLine($"6/6 the review web app: open {listen[0]} and sign in as demo-admin with the one-time password");
            log.WriteLine($"    {password}");
            log.WriteLine("    (created for this demo alone; previews are blurred until you choose to reveal one)");
            await ServeCommand.RunAsync(context, archivePath, listen, cancel);
            return ok ? ExitCodes.Ok : ExitCodes.Problems;
        });
        return command;
    }

    /// <summary>Refuses to touch a folder that holds anything but an earlier demo.</summary>
    private static void PrepareFolder(string root)
    {
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
        {
            if (!File.Exists(Path.Combine(root, Marker)))
                throw new CliException($"{root}: exists and is not an earlier demo; choose another --dir", ExitCodes.Failure);
            Directory.Delete(root, recursive: true);
        }
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, Marker), "Created by 'athar demo'; the next demo replaces this folder.\n");
    }

    private static string Relative(string path) => Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
}
