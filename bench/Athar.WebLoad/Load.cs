using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Athar.WebLoad;

/// <summary>
/// Closed-loop load on loopback: each client sends its next request when the last one has been read in full.
/// The time recorded is from sending the request to reading the last byte of the response, on 127.0.0.1, which
/// is the server's time plus a loopback round trip.
/// </summary>
internal static partial class Load
{
    private static readonly string[] GalleryQueries =
    [
        "/gallery",
        "/gallery?camera=NIKON+COOLPIX+P50",
        "/gallery?camera=SAMSUNG+GT-S5830&from=2012-03-01&to=2012-09-30",
        "/gallery?severity=2",
        "/gallery?code=exif.time-out-of-sequence",
        "/gallery?source=drive-04",
        "/gallery?q=DSCN12",
        "/gallery?type=image%2Fjpeg&from=2013-01-01",
        "/gallery?camera=Canon+PowerShot+A480&after={after}",
        "/gallery?after={after}",
    ];

    public static async Task Run(Uri baseUrl, string user, string password, int count, TimeSpan duration, int clients)
    {
        var sessions = new List<HttpClient>();
        for (var i = 0; i < clients; i++) sessions.Add(await SignIn(baseUrl, user, password));
        // Warm-up: the first gallery request builds derived/web/gallery-index.db from the catalog.
        var warm = Stopwatch.StartNew();
        foreach (var q in GalleryQueries) await Get(sessions[0], Fill(q, new Random(1), count));
        Console.Error.WriteLine($"warm-up (index build and first queries): {warm.Elapsed.TotalSeconds:0.0} s");

        // ATHAR_BENCH_PHASES=items (or gallery) runs one phase only, for quick turns on one page kind.
        var phases = Environment.GetEnvironmentVariable("ATHAR_BENCH_PHASES") ?? "gallery,items";
        var gallery = phases.Contains("gallery", StringComparison.Ordinal)
            ? await Phase(sessions, duration, (random, _) => Fill(GalleryQueries[random.Next(GalleryQueries.Length)], random, count)) : [];
        var items = phases.Contains("items", StringComparison.Ordinal)
            ? await Phase(sessions, duration, (random, _) => "/items/" + ItemId(random.Next(count))) : [];
        Console.WriteLine("| page | requests | req/s | p50 ms | p95 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var group in gallery.GroupBy(r => Kind(r.Path)).OrderBy(g => g.Key, StringComparer.Ordinal))
            Row("gallery " + group.Key, [.. group], duration);
        Row("**gallery, all filters**", gallery, duration);
        Row("**item page**", items, duration);
        // The item page's own Server-Timing steps (server time only, no loopback), where it spends its time.
        foreach (var step in items.SelectMany(r => ServerSteps(r.Timing)).GroupBy(s => s.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
            Row($"item page step `{step.Key}`", [.. step.Select(s => ("", s.Ms, HttpStatusCode.OK, (string?)null))], duration);
    }

    private static IEnumerable<(string Name, double Ms)> ServerSteps(string? header) =>
        (header ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split(";dur="))
            .Where(p => p.Length == 2)
            .Select(p => (p[0], double.Parse(p[1], CultureInfo.InvariantCulture)));

    private static string Kind(string path)
    {
        var query = path.Contains('?', StringComparison.Ordinal) ? path[(path.IndexOf('?', StringComparison.Ordinal) + 1)..] : "";
        var keys = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')[0]);
        return query.Length == 0 ? "(no filter)" : string.Join("+", keys);
    }

    private static void Row(string label, IReadOnlyList<(string Path, double Ms, HttpStatusCode Status, string? Timing)> results, TimeSpan duration)
    {
        var ms = results.Select(r => r.Ms).Order().ToArray();
        var bad = results.Count(r => r.Status != HttpStatusCode.OK);
        string P(double q) => ms.Length == 0 ? "-" : ms[Math.Min(ms.Length - 1, (int)Math.Ceiling(q * ms.Length) - 1)].ToString("0.0", CultureInfo.InvariantCulture);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {label}{(bad > 0 ? $" ({bad} not 200)" : "")} | {ms.Length} | {ms.Length / duration.TotalSeconds:0.0} | {P(0.50)} | {P(0.95)} | {P(0.99)} | {(ms.Length == 0 ? 0 : ms[^1]):0.0} |"));
    }

    private static async Task<List<(string Path, double Ms, HttpStatusCode Status, string? Timing)>> Phase(List<HttpClient> sessions, TimeSpan duration, Func<Random, int, string> next)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var all = new List<(string, double, HttpStatusCode, string?)>();
        await Task.WhenAll(sessions.Select((client, index) => Task.Run(async () =>
        {
            var random = new Random(index + 1);
            var mine = new List<(string, double, HttpStatusCode, string?)>();
            while (Stopwatch.GetTimestamp() < until)
            {
                var path = next(random, index);
                var start = Stopwatch.GetTimestamp();
                var (status, timing) = await Get(client, path);
                mine.Add((path, Stopwatch.GetElapsedTime(start).TotalMilliseconds, status, timing));
            }
            lock (all) all.AddRange(mine);
        })));
        return all;
    }

    private static async Task<(HttpStatusCode Status, string? Timing)> Get(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
        return (response.StatusCode, response.Headers.TryGetValues("Server-Timing", out var values) ? string.Join(", ", values) : null);
    }

    private static string Fill(string template, Random random, int count) =>
        template.Replace("{after}", (random.Next(count) + 17).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static string ItemId(int n) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes("bench-item-" + n.ToString(CultureInfo.InvariantCulture))));

    private static async Task<HttpClient> SignIn(Uri baseUrl, string user, string password)
    {
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseProxy = false })
        {
            BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(10),
        };
        var html = await client.GetStringAsync("/login");
        var token = Token().Match(html).Groups[1].Value;
        using var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = user, ["Password"] = password, ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"sign-in failed: {(int)response.StatusCode}");
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
