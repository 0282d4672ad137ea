using System.CommandLine;
using Athar.Cli.Hosting;
using Athar.Forensics.Pdq;
using Athar.Imaging.TurboJpeg;

namespace Athar.Cli.Commands;

/// <summary>
/// `athar pdq FILE...`: the PDQ perceptual hash of each JPEG, one `hash,quality,path` line per file as Meta's
/// pdq-photo-hasher prints it; with --json an array of {path, hash, quality, dihedral[8]}. A file that cannot
/// be read or decoded gives one stderr line naming it and the reason, and the others go on. Exit 0 when every
/// file was hashed, 1 when any failed. EXIF orientation is ignored, as by the reference (docs/pdq.md).
/// </summary>
internal static class PdqCommand
{
    /// <summary>One --json entry; the field names are the contract in docs/pdq.md.</summary>
    internal sealed record PdqReport(string Path, string Hash, int Quality, IReadOnlyList<string> Dihedral);

    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("FILE") { Description = "JPEG files", Arity = ArgumentArity.OneOrMore };
        var fullDecode = new Option<bool>("--full-decode")
        {
            Description = "decode at full size, step for step the reference hasher (bit-exact with pdq-photo-hasher; slower)",
        };
        var command = new Command("pdq", "PDQ perceptual hashes of JPEG files: hash,quality,path per line") { files, fullDecode };
        command.SetAction(parse => Run(context, parse, parse.GetValue(files)!, parse.GetValue(fullDecode)));
        return command;
    }

    private static int Run(CliContext context, ParseResult parse, string[] paths, bool fullDecode)
    {
        var json = context.WantsJson(parse);
        var options = (fullDecode ? PdqOptions.Reference : PdqOptions.Default) with { Dihedral = json };
        var results = new PdqResult?[paths.Length];
        var errors = new string?[paths.Length];
        Parallel.For(0, paths.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            try
            {
                results[i] = PdqJpeg.HashFile(paths[i], options);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or TurboJpegException)
            {
                errors[i] = e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message;
            }
        });

        var reports = new List<PdqReport>(paths.Length);
        for (var i = 0; i < paths.Length; i++)
        {
            if (errors[i] is { } error)
            {
                context.Fail($"{paths[i]}: cannot hash: {error}");
                continue;
            }
            var result = results[i]!;
            if (json)
            {
                reports.Add(new PdqReport(paths[i], result.Hash.ToString(), result.Quality, result.Dihedral.Select(h => h.ToString()).ToList()));
            }
            else
            {
                context.Out.WriteLine($"{result.Hash},{result.Quality},{paths[i]}");
            }
        }
        if (json) context.WriteJson(reports);
        else context.Out.Flush();
        return errors.Any(e => e is not null) ? ExitCodes.Problems : ExitCodes.Ok;
    }
}
