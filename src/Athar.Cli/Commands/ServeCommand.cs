using System.CommandLine;
using System.Net;
using Athar.Cli.Hosting;
using Athar.Web;
using Athar.Web.Accounts;
using Microsoft.Extensions.Hosting;

namespace Athar.Cli.Commands;

/// <summary>`athar serve`: the review web app on loopback unless told otherwise (docs/web.md).</summary>
internal static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static Command Create(CliContext context)
    {
        var urls = new Option<string>("--urls") { Description = $"where to listen, ';'-separated (default {DefaultUrls}, loopback only)", DefaultValueFactory = _ => DefaultUrls };
        var command = new Command("serve", "the review web app, default " + DefaultUrls) { urls };
        command.SetAction(async (parse, cancel) =>
        {
            string root;
            using (var archive = ArchiveAccess.Open(context, parse, writable: false)) root = archive.Layout.Root;
            var listen = parse.GetValue(urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var url in listen)
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
                    throw new CliException($"--urls: '{url}' is not an http or https URL", ExitCodes.Usage);
                if (!IsLoopback(uri.Host))
                    context.Fail($"warning: listening on {uri.Host}, which is reachable from other machines; put it behind HTTPS");
            }
            if (new AccountStore(Path.Combine(root, "accounts.db")).All().Count == 0)
                context.Fail("warning: no accounts yet; create one with 'athar user add NAME --role admin'");
            await RunAsync(context, root, listen, cancel);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Serves the archive at <paramref name="root"/> until cancelled (Ctrl+C).</summary>
    public static async Task RunAsync(CliContext context, string root, IReadOnlyList<string> listen, CancellationToken cancel)
    {
        var app = AtharWebApp.Build([], root);
        app.Urls.Clear();
        foreach (var url in listen) app.Urls.Add(url);
        context.Out.WriteLine($"serving {root} at {string.Join(", ", listen)} (Ctrl+C stops)");
        context.Out.Flush();
        await app.StartAsync(cancel);
        await app.WaitForShutdownAsync(cancel);
    }

    private static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
