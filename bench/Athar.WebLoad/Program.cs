using System.Globalization;

namespace Athar.WebLoad;

/// <summary>
/// <c>seed DIR COUNT USER PASSWORD</c>: the fast loader (<see cref="Seed"/>).
/// <c>load URL USER PASSWORD COUNT SECONDS CLIENTS</c>: signs CLIENTS clients in, then for SECONDS each measures
/// gallery pages (with filters) and item pages, and prints p50/p95 per page kind.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case ["seed", var dir, var count, var user, var password]:
                Seed.Run(dir, int.Parse(count, CultureInfo.InvariantCulture), user, password);
                return 0;
            case ["load", var url, var user, var password, var count, var seconds, var clients]:
                await Load.Run(new Uri(url), user, password, int.Parse(count, CultureInfo.InvariantCulture),
                    TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture)), int.Parse(clients, CultureInfo.InvariantCulture));
                return 0;
            default:
                Console.Error.WriteLine("usage: seed DIR COUNT USER PASSWORD | load URL USER PASSWORD COUNT SECONDS CLIENTS");
                return 2;
        }
    }
}
