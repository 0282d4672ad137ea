using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Athar.Core.Custody;

namespace Athar.Core.Analysis;

/// <summary>
/// What one analyzer version said about one item. <see cref="ResultDigest"/> is the SHA-256 of the
/// findings' canonical JSON, so a re-run that finds the same is provably the same.
/// </summary>
public sealed record AnalysisResult(string ItemId, string Analyzer, int Version, IReadOnlyList<Finding> Findings)
{
    /// <summary>
    /// What the result was computed from: for an item analyzer the item itself (its SHA-256 id); for an
    /// archive-level analyzer the digest of the archive-wide facts it read.
    /// </summary>
    public string InputDigest { get; init; } = ItemId;

    /// <summary>The result digest of finding nothing: what an item without a recorded result implicitly has.</summary>
    public static string EmptyResultDigest { get; } = new AnalysisResult("", "", 0, []).ResultDigest;

    public JsonArray FindingsJson()
    {
        var array = new JsonArray();
        foreach (var finding in Findings) array.Add(finding.ToJson());
        return array;
    }

    public string ResultDigest => Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.Serialize(FindingsJson())));
}
