namespace Athar.Synth;

/// <summary>The kinds of planted anomaly (docs/synth.md says exactly what each changes).</summary>
public enum AnomalyType
{
    /// <summary>Re-saved by an editor: cropped and levelled, new quantisation tables, Software and XMP CreatorTool of the editor, stale EXIF thumbnail.</summary>
    Resaved,
    /// <summary>A rectangle copied within the same image (optionally scaled or turned 180°).</summary>
    Clone,
    /// <summary>A rectangle pasted from another camera's photo.</summary>
    Splice,
    /// <summary>A photo from a camera outside the archive, dated outside its period, of a different scene, with no card.</summary>
    Foreign,
    /// <summary>All metadata removed; a bare JFIF header remains.</summary>
    Stripped,
    /// <summary>The camera's clock was reset to 2000-01-01 and kept counting from there for the rest of that day.</summary>
    Clock,
    /// <summary>Truncated or damaged file.</summary>
    Corrupt,
}

public static class AnomalyTypes
{
    public static IReadOnlyList<AnomalyType> All { get; } = Enum.GetValues<AnomalyType>();

    /// <summary>The name used on the command line and in ground-truth.json (lower case).</summary>
    public static string Name(this AnomalyType type) => type.ToString().ToLowerInvariant();

    /// <summary>Parses a comma-separated list such as "resaved,clone"; "all" or empty means every type.</summary>
    public static IReadOnlyList<AnomalyType> Parse(string? list)
    {
        if (string.IsNullOrWhiteSpace(list) || list.Trim() == "all") return All;
        var result = new List<AnomalyType>();
        foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<AnomalyType>(part, ignoreCase: true, out var type) || !Enum.IsDefined(type))
                throw new ArgumentException($"unknown anomaly type '{part}' (known: {string.Join(", ", All.Select(Name))})");
            if (!result.Contains(type)) result.Add(type);
        }
        return result;
    }
}
