using System.Globalization;

namespace Athar.Eval;

public sealed class EvalUsageException(string message) : Exception(message);

/// <summary>"--name value" pairs and bare "--flag"s; enough for a benchmark console.</summary>
public sealed class Arguments
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public static Arguments Parse(string[] args)
    {
        var parsed = new Arguments();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new EvalUsageException($"unexpected argument '{args[i]}'");
            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            parsed._values[args[i][2..]] = hasValue ? args[++i] : null;
        }
        return parsed;
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? Text(string name) => _values.TryGetValue(name, out var v) ? v : null;

    public string Required(string name) => Text(name) ?? throw new EvalUsageException($"--{name} is required");

    public int Int(string name, int fallback) => Text(name) is { } v
        ? int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw new EvalUsageException($"--{name}: '{v}' is not a whole number")
        : fallback;

    public double Double(string name, double fallback) => Text(name) is { } v
        ? double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : throw new EvalUsageException($"--{name}: '{v}' is not a number")
        : fallback;

    public (int Width, int Height) Resolution(string name, (int, int) fallback)
    {
        if (Text(name) is not { } v) return fallback;
        var parts = v.Split('x');
        if (parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var w) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var h)) return (w, h);
        throw new EvalUsageException($"--{name}: '{v}' is not WxH");
    }
}
