using Athar.Synth.Output;

namespace Athar.Synth;

/// <summary>What a run wrote: counts for the CLI and the full ground truth (also in DIR/ground-truth.json).</summary>
public sealed record SynthResult(int Photos, int Files, int Cameras, int Cases, int Drives, int Anomalies, TimeSpan Elapsed, GroundTruth GroundTruth)
{
    public string GroundTruthPath { get; init; } = "";
}

/// <summary>Files written so far, out of all the files the run will write.</summary>
public readonly record struct SynthProgress(int Done, int Total);
