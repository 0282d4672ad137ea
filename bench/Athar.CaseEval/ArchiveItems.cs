using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Athar.Cases.Grouping;
using Athar.Core.Analysis;
using Athar.Forensics.Analysis;
using Athar.Forensics.Analyzers;
using Athar.Synth.Output;
using CardsReading = Athar.Cards.Reading.CardReading;

namespace Athar.CaseEval;

/// <summary>One distinct JPEG of the synthetic archive: what `athar cases read` would know about it after ingest.</summary>
/// <param name="Files">The ground truth's files with this digest (copies included), in path order.</param>
/// <param name="Card">The <c>card.reading</c> finding's data, exactly as the analyzer records it.</param>
internal sealed record ArchiveItem(string Sha256, IReadOnlyList<GroundTruthFile> Files, PhotoFacts Facts, JsonObject Card);

/// <summary>
/// Turns a synthetic archive into the facts grouping reads, by the analyzers `athar cases read` runs: metadata
/// (<c>exif.summary</c>), PDQ (<c>pdq.hash</c>) and the card reader (<c>card.reading</c>), each item once, then
/// <see cref="PhotoFactsReader"/>. Ingest is left out (it only stores the bytes): an item is a digest, its paths
/// are its copies' paths inside their drive (each drive is one source), its intake order is its first path's.
/// </summary>
internal static class ArchiveItems
{
    /// <param name="recorded">Card findings by digest, from an earlier run (<c>--readings</c>): used instead of reading.</param>
    /// <param name="onRead">Called after each fresh card reading with the item's files, the reading and its time in ticks.</param>
    public static List<ArchiveItem> Analyze(string root, GroundTruth truth, int parallelism,
        IReadOnlyDictionary<string, JsonObject>? recorded, Action<IReadOnlyList<GroundTruthFile>, CardsReading, long>? onRead)
    {
        var groups = truth.Files
            .Where(f => f.Path.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || f.Path.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .GroupBy(f => f.Sha256)
            .Select((g, order) => (Order: (long)order, Files: g.ToList()))
            .ToList();
        var items = new ConcurrentBag<ArchiveItem>();
        IItemAnalyzer metadata = new MetadataAnalyzer(), pdq = new PerceptualHashAnalyzer();
        Parallel.ForEach(groups, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, group =>
        {
            var bytes = File.ReadAllBytes(Path.Combine(root, group.Files[0].Path));
            if (bytes.Length < 3 || bytes[0] != 0xFF || bytes[1] != 0xD8) return; // not a JPEG: never a photo of a case
            using var context = new ItemContext(group.Files[0].Sha256, "image/jpeg", bytes);
            var facts = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            foreach (var finding in metadata.Analyze(context).Concat(pdq.Analyze(context))) facts.TryAdd(finding.Code, finding.Data);
            if (recorded is not null && recorded.TryGetValue(group.Files[0].Sha256, out var card)) facts[CardReadingAnalyzer.Code] = card;
            else
            {
                var start = Stopwatch.GetTimestamp();
                var reading = CardEval.Reader.Read(bytes);
                var ticks = Stopwatch.GetTimestamp() - start;
                facts[CardReadingAnalyzer.Code] = CardReadingAnalyzer.ToFinding(reading).Data;
                onRead?.Invoke(group.Files, reading, ticks);
            }
            // Inside its source: "drive-01/sd-1/DCIM/100NIKON/DSCN0042.JPG" was ingested from drive-01 as "sd-1/DCIM/...".
            var paths = group.Files.Select(f => f.Path[(f.Path.IndexOf('/', StringComparison.Ordinal) + 1)..]).ToList();
            var item = new ArchiveItemFacts(group.Files[0].Sha256, "image/jpeg", group.Order, paths, facts);
            if (PhotoFactsReader.Read(item) is { } photo) items.Add(new ArchiveItem(item.ItemId, group.Files, photo, facts[CardReadingAnalyzer.Code]));
        });
        return [.. items.OrderBy(i => i.Facts.IntakeOrder)];
    }
}
