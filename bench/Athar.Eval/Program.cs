using Athar.Eval;

// The evaluation console. Each command prints a plain-text report; the bench/*.sh scripts call it.
//   tier1       synthetic archive + camera originals: recall per planted anomaly, near-duplicate grouping, false positives
//   throughput  tier-1 analysis of a folder of photos, photos/s (compared with ExifTool by bench/triage-vs-peers.sh)
//   bank        hash-bank lookups in a PdqHashIndex of N random hashes against a linear scan
try
{
    return args.Length == 0 ? Usage() : args[0] switch
    {
        "tier1" => await Tier1Evaluation.RunAsync(Arguments.Parse(args[1..])),
        "throughput" => ThroughputBenchmark.Run(Arguments.Parse(args[1..])),
        "bank" => BankBenchmark.Run(Arguments.Parse(args[1..])),
        _ => Usage(),
    };
}
catch (EvalUsageException e)
{
    Console.Error.WriteLine($"athar-eval: {e.Message}");
    return 2;
}

static int Usage()
{
    Console.Error.WriteLine("usage: athar-eval tier1 --work DIR [--photos N] [--resolution WxH] [--anomalies RATE] [--seed S] [--camera-originals DIR]");
    Console.Error.WriteLine("       athar-eval throughput --photos DIR [--repeat N]");
    Console.Error.WriteLine("       athar-eval bank [--size N] [--queries N] [--radius R] [--threads T] [--linear-queries N]");
    return 2;
}
