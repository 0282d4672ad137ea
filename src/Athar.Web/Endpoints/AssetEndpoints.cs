using System.Reflection;

namespace Athar.Web.Endpoints;

/// <summary>
/// The few static files (stylesheet, placeholder), embedded in the assembly and served by Athar itself: the
/// app loads nothing from anywhere else. Anonymous, because the sign-in page needs the stylesheet.
/// </summary>
public static class AssetEndpoints
{
    private static readonly Dictionary<string, (byte[] Bytes, string ContentType)> s_assets = Load();

    public static IReadOnlyCollection<string> Names => s_assets.Keys;

    public static void MapAtharAssets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/assets/{name}", (string name, HttpContext context) =>
        {
            if (!s_assets.TryGetValue(name, out var asset)) return Results.NotFound();
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Bytes(asset.Bytes, asset.ContentType);
        }).AllowAnonymous();
    }

    private static Dictionary<string, (byte[], string)> Load()
    {
        const string Prefix = "Athar.Web.Assets.";
        var assembly = typeof(AssetEndpoints).Assembly;
        var assets = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[Prefix.Length..];
            var type = Path.GetExtension(name) switch
            {
                ".css" => "text/css; charset=utf-8",
                ".svg" => "image/svg+xml",
                ".js" => "text/javascript; charset=utf-8",
                ".woff2" => "font/woff2",
                _ => "application/octet-stream",
            };
            assets[name] = (copy.ToArray(), type);
        }
        return assets;
    }

    public static byte[] Placeholder => s_assets["placeholder.svg"].Bytes;
}
