using System.Net;
using System.Net.Sockets;
using Athar.Cli.Hosting;
using Athar.Storage;
using Athar.TestSupport;

namespace Athar.Web.Tests.Cli;

/// <summary>`athar serve` hosts the app on the address given (loopback by default) until cancelled.</summary>
public sealed class ServeCommandTests
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Serve_answers_on_loopback_and_stops_when_cancelled()
    {
        using var temp = new TempDirectory("serve");
        var root = temp.Combine("archive");
        AtharArchive.Init(root, actor: "tester").Dispose();
        var url = $"http://127.0.0.1:{FreePort()}";
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var error = new StringWriter();
        var run = CliApp.RunAsync(["--archive", root, "serve", "--urls", url], new StringWriter(), error, cancel.Token);
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        HttpResponseMessage? response = null;
        for (var i = 0; i < 100 && response is null && !run.IsCompleted; i++)
        {
            try { response = await http.GetAsync("/login"); }
            catch (HttpRequestException) { await Task.Delay(200); }
        }
        Assert.NotNull(response);
        Assert.Equal(HttpStatusCode.OK, response!.StatusCode);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(url) };
        var gallery = await noRedirects.GetAsync("/gallery");
        Assert.Equal(HttpStatusCode.Redirect, gallery.StatusCode);
        Assert.Contains("/login", gallery.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("no accounts yet", error.ToString(), StringComparison.Ordinal);
        await cancel.CancelAsync();
        Assert.Equal(ExitCodes.Ok, await run);
    }

    [Fact]
    public async Task Serve_refuses_a_folder_that_is_not_an_archive_and_a_bad_url()
    {
        using var temp = new TempDirectory("serve-bad");
        Assert.Equal(ExitCodes.Failure, await CliApp.RunAsync(["--archive", temp.Combine("none"), "serve"], new StringWriter(), new StringWriter()));
        var root = temp.Combine("archive");
        AtharArchive.Init(root, actor: "tester").Dispose();
        Assert.Equal(ExitCodes.Usage, await CliApp.RunAsync(["--archive", root, "serve", "--urls", "ftp://127.0.0.1:1"], new StringWriter(), new StringWriter()));
    }
}
