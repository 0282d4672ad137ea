using Athar.Core.Analysis;

namespace Athar.Forensics.Analysis;

/// <summary>What an analyzer needs from an item, so the runner prepares each input once for all of them.</summary>
[Flags]
public enum AnalyzerNeeds
{
    None = 0,
    /// <summary>The file's bytes (every analyzer gets them; listed for clarity).</summary>
    Bytes = 1,
    /// <summary>The parsed JPEG structure (markers, tables, APPn inventory).</summary>
    JpegStructure = 2,
    /// <summary>Luminance decoded with DCT scaling to about 512 px on the long side.</summary>
    Luma512 = 4,
    /// <summary>Full-resolution RGB pixels (costly: tier 2 and above).</summary>
    FullPixels = 8,
}

/// <summary>
/// One analysis of one item. <see cref="Name"/> and <see cref="Version"/> are recorded with every result;
/// raise the version whenever the findings could change, and only this analyzer re-runs.
/// </summary>
public interface IItemAnalyzer
{
    /// <summary>Stable name, e.g. "jpeg-structure". Never rename: old results refer to it.</summary>
    string Name { get; }

    int Version { get; }

    AnalyzerNeeds Needs { get; }

    /// <summary>1: cheap enough for every photo of a large archive on a laptop; higher tiers cost more.</summary>
    int CostTier { get; }

    /// <summary>Whether this analyzer applies to the item (by media type); skipped items get no result.</summary>
    bool AppliesTo(string mediaType);

    IReadOnlyList<Finding> Analyze(ItemContext item);
}
