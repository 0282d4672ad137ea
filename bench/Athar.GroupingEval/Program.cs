using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Athar.Cases.Evaluation;
using Athar.Cases.Grouping;
using Athar.GroupingEval;
using Athar.Storage;
using Athar.Synth.Output;

// Usage: Athar.GroupingEval --archive DIR --ground-truth FILE [--json] [--diagnose] [--boundaries CSV]
// --diagnose lists, with the recorded readings, every boundary the grouping gets wrong (two bodies merged, one split)
// Groups the archive's recorded facts three ways (card readings as recorded, none, and perfect readings from
// the ground truth) and scores each against the ground truth. It reads the catalog; it writes nothing.
string? archivePath = null, truthPath = null;
var json = false;
var diagnose = false;
string? boundariesPath = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--archive": archivePath = args[++i]; break;
        case "--ground-truth": truthPath = args[++i]; break;
        case "--json": json = true; break;
        case "--diagnose": diagnose = true; break;
        case "--boundaries": boundariesPath = args[++i]; break;
        default: Console.Error.WriteLine($"eval-grouping: unknown argument '{args[i]}'"); return 2;
    }
}
if (archivePath is null || truthPath is null)
{
    Console.Error.WriteLine("usage: Athar.GroupingEval --archive DIR --ground-truth FILE [--json]");
    return 2;
}

var truth = GroundTruth.Read(truthPath);
var caseOf = GroundTruthCards.CaseOfItem(truth);
var kindOf = GroundTruthCards.KindOfItem(truth);
var perfect = GroundTruthCards.PerfectReadings(truth);
List<PhotoFacts> facts;
using (var archive = AtharArchive.Open(archivePath, writable: true))
    facts = [.. archive.Catalog.ItemFacts(PhotoFactsReader.FactCodes).Select(PhotoFactsReader.Read).OfType<PhotoFacts>()];

if (boundariesPath is not null) Boundaries.Write(boundariesPath, facts, caseOf);

var variants = new (string Name, Func<PhotoFacts, PhotoFacts> Map)[]
{
    ("recorded", p => p),
    ("none", p => p with { Card = null }),
    ("groundTruth", p => p with { Card = perfect.GetValueOrDefault(p.ItemId) }),
};
var results = new List<object>();
foreach (var (name, map) in variants)
{
    var input = facts.Select(map).ToList();
    var clock = Stopwatch.StartNew();
    var grouping = new CaseGrouper().Group(input);
    clock.Stop();
    if (name == "recorded" && diagnose) Diagnose.Write(input, caseOf, grouping);
    var predicted = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var c = 0; c < grouping.Cases.Count; c++)
        foreach (var item in grouping.Cases[c].Items) predicted[item] = c.ToString(CultureInfo.InvariantCulture);
    // Originals only: the camera photos of bodies. All: near-duplicates (resized, cropped copies) count too.
    var originals = caseOf.Where(kv => kindOf.GetValueOrDefault(kv.Key) == "original").ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
    var photosOnly = PairwiseScore.Compute(predicted.Where(kv => originals.ContainsKey(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal), originals);
    var everything = PairwiseScore.Compute(predicted, caseOf);
    var readings = input.Count(p => p.Card is { Found: true });
    results.Add(new
    {
        cards = name,
        photosWithReading = readings,
        originals = new { precision = photosOnly.Precision, recall = photosOnly.Recall, photosOnly.TruePairs, photosOnly.PredictedPairs, photosOnly.CorrectPairs, photosOnly.PredictedCases, photosOnly.TrueCases },
        withNearDuplicates = new { precision = everything.Precision, recall = everything.Recall, everything.Items },
        unassigned = grouping.Unassigned.Count,
        groupingMs = clock.Elapsed.TotalMilliseconds,
        thresholds = grouping.Thresholds,
    });
    if (!json)
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cards={name,-12} readings={readings,5}  originals: precision {photosOnly.Precision:0.0000} recall {photosOnly.Recall:0.0000} ({photosOnly.PredictedCases} cases, truth {photosOnly.TrueCases})  with near-duplicates: precision {everything.Precision:0.0000} recall {everything.Recall:0.0000}  unassigned {grouping.Unassigned.Count}  grouping {clock.Elapsed.TotalMilliseconds:0} ms for {input.Count} photos"));
}
if (json) Console.WriteLine(JsonSerializer.Serialize(new { items = facts.Count, results }, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
return 0;
