using Athar.Core.Analysis;
using Athar.Forensics.Cameras;
using Athar.Synth;
using Athar.TestSupport;

namespace Athar.Forensics.Tests.Cameras;

/// <summary>
/// Recall and false positives of camera-timeline and archive-signature on synthetic archives with planted
/// anomalies (320x240, high rates). A planted item counts as caught when either analyzer gives it a finding
/// of warning or above; a clean item (nothing planted, copies and near-duplicates included) as a false positive.
/// </summary>
public sealed class CameraAnalyzersSynthTests(ITestOutputHelper output)
{
    private sealed record Score(int Planted, int Caught, int Clean, int FalsePositives)
    {
        public double Recall => Planted == 0 ? 1 : Caught / (double)Planted;
        public double FalsePositiveRate => Clean == 0 ? 0 : FalsePositives / (double)Clean;
    }

    private Score Evaluate(int photos, double rate, AnomalyType[] types, long seed, string anomaly)
    {
        using var temp = new TempDirectory("cameras-synth");
        var synth = CameraFacts.Synth(temp, photos, rate, types, seed);
        var facts = CameraFacts.FromSynth(temp.Path, synth.GroundTruth);
        var planted = CameraFacts.Planted(synth.GroundTruth);
        var findings = new Dictionary<string, List<Finding>>(StringComparer.Ordinal);
        foreach (var analyzer in new Athar.Forensics.Analysis.IArchiveAnalyzer[] { new CameraTimelineAnalyzer(), new ArchiveSignatureAnalyzer() })
            foreach (var (id, list) in analyzer.Analyze(facts, TestContext.Current.CancellationToken).Findings)
            {
                if (!findings.TryGetValue(id, out var all)) findings[id] = all = [];
                all.AddRange(list);
            }
        int plantedCount = 0, caught = 0, clean = 0, falsePositives = 0;
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in facts.Where(f => planted.ContainsKey(f.ItemId)))
        {
            var warnings = findings.TryGetValue(item.ItemId, out var f) ? f.Where(x => x.Severity >= Severity.Warning).ToList() : [];
            var kinds = planted[item.ItemId];
            if (kinds.Contains(anomaly))
            {
                plantedCount++;
                if (warnings.Count > 0) caught++;
                else output.WriteLine($"missed {anomaly} ({string.Join("+", kinds)}): {item.Paths[0]} {string.Join(",", f?.Select(x => x.Code) ?? [])}");
                foreach (var code in warnings.Select(w => w.Code).Distinct()) codes[code] = codes.GetValueOrDefault(code) + 1;
            }
            else if (kinds.Count == 0)
            {
                clean++;
                if (warnings.Count > 0)
                {
                    falsePositives++;
                    output.WriteLine($"clean but flagged: {item.Paths[0]}: {string.Join("; ", warnings.Select(w => $"{w.Code}: {w.Explanation}"))}");
                }
            }
        }
        var score = new Score(plantedCount, caught, clean, falsePositives);
        output.WriteLine($"{anomaly} (seed {seed}, {photos} photos, rate {rate}): recall {caught}/{plantedCount} = {score.Recall:0.000}; clean flagged {falsePositives}/{clean} = {score.FalsePositiveRate:0.000}; codes: {string.Join(", ", codes.Select(c => $"{c.Key} {c.Value}"))}");
        return score;
    }

    [Fact]
    public void Clock_resets_are_caught_and_clean_photos_are_not_flagged()
    {
        var score = Evaluate(240, 0.08, [AnomalyType.Clock], seed: 21, "clock");
        Assert.True(score.Planted >= 20, $"only {score.Planted} clock photos planted");
        Assert.True(score.Recall >= 0.95, $"clock recall {score.Recall:0.000}");
        Assert.True(score.FalsePositiveRate <= 0.02, $"false-positive rate {score.FalsePositiveRate:0.000}");
    }

    [Fact]
    public void Foreign_photos_are_caught_and_clean_photos_are_not_flagged()
    {
        var score = Evaluate(240, 0.12, [AnomalyType.Foreign], seed: 22, "foreign");
        Assert.True(score.Planted >= 15, $"only {score.Planted} foreign photos planted");
        Assert.True(score.Recall >= 0.95, $"foreign recall {score.Recall:0.000}");
        Assert.True(score.FalsePositiveRate <= 0.02, $"false-positive rate {score.FalsePositiveRate:0.000}");
    }

    [Fact]
    public void Resaved_photos_stand_out_from_their_models_signatures()
    {
        var score = Evaluate(240, 0.12, [AnomalyType.Resaved], seed: 23, "resaved");
        Assert.True(score.Planted >= 15, $"only {score.Planted} resaved photos planted");
        Assert.True(score.Recall >= 0.95, $"resaved recall {score.Recall:0.000}");
        Assert.True(score.FalsePositiveRate <= 0.02, $"false-positive rate {score.FalsePositiveRate:0.000}");
    }

    [Fact]
    public void With_every_anomaly_type_planted_clean_photos_stay_unflagged_and_clock_and_foreign_are_caught()
    {
        var all = Enum.GetValues<AnomalyType>();
        var clock = Evaluate(360, 0.2, all, seed: 24, "clock");
        var foreign = Evaluate(360, 0.2, all, seed: 24, "foreign");
        Assert.True(clock.FalsePositiveRate <= 0.02, $"false-positive rate {clock.FalsePositiveRate:0.000}");
        Assert.True(clock.Recall >= 0.95 && foreign.Recall >= 0.95, $"clock {clock.Recall:0.000}, foreign {foreign.Recall:0.000}");
    }
}
