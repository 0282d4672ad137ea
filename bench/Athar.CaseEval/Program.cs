using System.Globalization;
using Athar.Cases.Model;
using Athar.CaseEval;
using Athar.Synth;
using Athar.Synth.Output;

// Prints one "name: value" line per measurement, so bench/eval-cases.sh (and later measurements such as
// case grouping) can add lines without changing the others.
// Usage: Athar.CaseEval [--archive DIR | --photos N --seed S --width W --height H] [--threads N] [--dump DIR] [--misreads N]
//                       [--save-readings FILE | --readings FILE] [--weights FILE,FILE,...]
//                       [--clean-readable] (with --archive: held-out accuracy and clean-readable counts only)
// --dump DIR writes the rectified crop of every card photo read; --misreads N lists the first N misread photos and cases,
// and the first N grouping errors (proposed cases that merge bodies, bodies split over proposed cases).
var options = args.Select((a, i) => (a, i)).Where(t => t.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(t => t.a[2..], t => t.i + 1 < args.Length ? args[t.i + 1] : "");
string Get(string name, string fallback) => options.TryGetValue(name, out var v) ? v : fallback;
int GetInt(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
var c = CultureInfo.InvariantCulture;

// --weights A,B,...: measure these weights files (scripts/train-digits-torch.sh's output), averaged, instead of the
// committed networks.
if (options.TryGetValue("weights", out var weights))
{
    try
    {
        CardEval.UseWeights(weights.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
    catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException)
    {
        Console.Error.WriteLine($"--weights {weights}: {e.Message}");
        return 2;
    }
    Console.WriteLine($"digit weights: {weights} ({CardEval.Classifier.NetworkCount} networks), not the committed ones");
}
var accuracy = CardEval.DigitAccuracy(out var right, out var total);
Console.WriteLine(string.Format(c, "digit accuracy (held-out MNIST half): {0:P2} ({1}/{2}), goal >= 98%", accuracy, right, total));

if (options.ContainsKey("clean-readable"))
{
    // --clean-readable --archive DIR: only what the networks allow on this archive's cards (Legibility.cs), reading no
    // photo: a quick look at candidate weights before reading every photo with them.
    if (!options.TryGetValue("archive", out var archive) || !File.Exists(Path.Combine(archive, GroundTruth.FileName)))
    {
        Console.Error.WriteLine("--clean-readable needs --archive DIR holding a synthetic archive's " + GroundTruth.FileName);
        return 2;
    }
    var (readable, cardCases) = Legibility.CountCleanReadable(GroundTruth.Read(Path.Combine(archive, GroundTruth.FileName)));
    Console.WriteLine(string.Format(c, "clean-readable per case (legible, and every digit read right as its clean MNIST image; not a bound): detainee {0} ({1:P1}), branch {2} ({3:P1}), report {4} ({5:P1}) of {6}",
        readable[0], (double)readable[0] / cardCases, readable[1], (double)readable[1] / cardCases, readable[2], (double)readable[2] / cardCases, cardCases));
    return 0;
}

if (options.TryGetValue("digits", out var photo))
{
    // Diagnostics: writes the normalised digits of one photo as a strip (28 px each) to DIGITS.png-ready JPEG.
    var images = new List<byte[]>();
    Athar.Cards.Reading.CardSegmenter.DigitObserved = (image, digit, confidence) => { images.Add(image); Console.WriteLine($"digit {digit} {confidence:F3}"); };
    var r = CardEval.Reader.Read(File.ReadAllBytes(photo));
    Console.WriteLine(string.Join(" ", r.Lines.Select(l => l.Text)));
    var strip = new byte[28 * 28 * Math.Max(1, images.Count)];
    for (var k = 0; k < images.Count; k++)
        for (var y = 0; y < 28; y++)
            for (var x = 0; x < 28; x++) strip[y * 28 * images.Count + k * 28 + x] = (byte)(255 - images[k][y * 28 + x]);
    File.WriteAllBytes(Get("out", "digits.jpg"), Athar.Imaging.TurboJpeg.JpegEncoder.Shared.Encode(strip, 28 * Math.Max(1, images.Count), 28, 28 * Math.Max(1, images.Count), Athar.Imaging.Raster.PixelLayout.Gray8, 95));
    if (r.Crop is not null) File.WriteAllBytes(Get("out", "digits.jpg") + ".card.jpg", r.Crop.ToJpeg());
    return 0;
}

string root;
var temporary = false;
if (options.TryGetValue("archive", out var given) && File.Exists(Path.Combine(given, GroundTruth.FileName))) root = given;
else
{
    // --archive DIR that holds no archive yet: make one there and keep it, so later runs can re-read it.
    root = given ?? Path.Combine(Path.GetTempPath(), "athar-eval-cases-" + Environment.ProcessId.ToString(c));
    temporary = given is null;
    var synth = new SynthOptions
    {
        OutputDirectory = root,
        Photos = GetInt("photos", 2000),
        Seed = GetInt("seed", 11),
        Width = GetInt("width", 2048),
        Height = GetInt("height", 1536),
    };
    var made = SynthGenerator.Generate(synth);
    Console.WriteLine(string.Format(c, "synthetic archive: {0} photos, {1} cases, {2}x{3}, seed {4}, made in {5:F0} s", made.Photos, made.Cases, synth.Width, synth.Height, synth.Seed, made.Elapsed.TotalSeconds));
}
try
{
    var truth = GroundTruth.Read(Path.Combine(root, GroundTruth.FileName));
    var threads = GetInt("threads", Environment.ProcessorCount);
    var dump = options.TryGetValue("dump", out var d) ? Directory.CreateDirectory(d).FullName : null;
    // --readings FILE: card findings recorded by an earlier run (--save-readings), so a change to grouping or the
    // vote alone can be measured on exactly the same readings. The reader is then not run, and not timed.
    var recorded = options.TryGetValue("readings", out var readingsPath) ? RecordedReadings.Load(readingsPath) : null;
    var readTicks = 0L;
    var readCount = 0;
    var items = ArchiveItems.Analyze(root, truth, threads, recorded, (files, reading, ticks) =>
    {
        if (!files.Any(CardEval.IsCardPhoto)) return;
        Interlocked.Add(ref readTicks, ticks);
        Interlocked.Increment(ref readCount);
        if (dump is not null && reading.Crop is not null)
            File.WriteAllBytes(Path.Combine(dump, files[0].Path.Replace('/', '_') + ".card.jpg"), reading.Crop.ToJpeg());
    });
    if (options.TryGetValue("save-readings", out var savePath)) RecordedReadings.Save(savePath, items);
    if (recorded is not null) Console.WriteLine($"card readings: loaded from {readingsPath} (not read again)");

    // Per photo: each card photo's own reading. Per case: the numbers of the case the grouping made (the vote).
    var photos = CardEval.PerPhoto(truth, items);
    Console.WriteLine(string.Format(c, "card photos: {0}, card found: {1} ({2:P1})", photos.Photos, photos.Found, (double)photos.Found / photos.Photos));
    for (var i = 0; i < 3; i++)
        Console.WriteLine(string.Format(c, "exact-read rate per photo {0}: {1:P1} ({2}/{3})", CardEval.Roles[i], (double)photos.Exact[i] / photos.Photos, photos.Exact[i], photos.Photos));
    Console.WriteLine(string.Format(c, "exact-read rate per photo all three: {0:P1}", (double)photos.AllExact / photos.Photos));

    var cases = CaseLevel.Score(truth, items);
    Console.WriteLine(string.Format(c, "cases with a card photo: {0}, matched to a proposed case: {1}", cases.Cases, cases.Cases - cases.Unmatched));
    for (var i = 0; i < 3; i++)
        Console.WriteLine(string.Format(c, "exact-read rate per case {0}: {1:P1} ({2}/{3}), goal >= 90%", CardEval.Roles[i], (double)cases.Exact[i] / cases.Cases, cases.Exact[i], cases.Cases));
    Console.WriteLine(string.Format(c, "exact-read rate per case all three: {0:P1}", (double)cases.AllExact / cases.Cases));
    // What the queue's marks are worth: a wrong number read as sure is the error a person is least likely to catch.
    Console.WriteLine(string.Format(c, "per case, wrong but sure (confidence >= {0}): detainee {1}, branch {2}, report {3}; right but marked for a closer look: detainee {4}, branch {5}, report {6}",
        CaseNumber.Sure, cases.ConfidentWrong[0], cases.ConfidentWrong[1], cases.ConfidentWrong[2], cases.DoubtedRight[0], cases.DoubtedRight[1], cases.DoubtedRight[2]));
    Console.WriteLine(string.Format(c, "grouping precision (originals): {0:F4}, recall: {1:F4} ({2} cases for {3} true), goal >= 0.95",
        cases.Grouping!.Precision, cases.Grouping.Recall, cases.Grouping.PredictedCases, cases.Grouping.TrueCases));
    if (cases.Legible.Sum() > 0)
    {
        // What the archive allows (Legibility.cs): numbers a cover hides are in no photo of their case.
        Console.WriteLine(string.Format(c, "numbers with a digit under the cover (in no photo): detainee {0}, branch {1}, report {2} of {3} cases",
            cases.Cases - cases.Legible[0], cases.Cases - cases.Legible[1], cases.Cases - cases.Legible[2], cases.Cases));
        for (var i = 0; i < 3; i++)
            Console.WriteLine(string.Format(c, "exact-read rate per case over legible numbers {0}: {1:P1} ({2}/{3})", CardEval.Roles[i],
                (double)cases.ExactLegible[i] / cases.Legible[i], cases.ExactLegible[i], cases.Legible[i]));
        Console.WriteLine(string.Format(c, "clean-readable per case (legible, and every digit read right as its clean MNIST image; not a bound): detainee {0:P1}, branch {1:P1}, report {2:P1}",
            (double)cases.CleanReadable[0] / cases.Cases, (double)cases.CleanReadable[1] / cases.Cases, (double)cases.CleanReadable[2] / cases.Cases));
    }
    var voteOnly = CaseLevel.ScoreTrueGrouping(truth, items);
    Console.WriteLine(string.Format(c, "exact-read rate per case with the true grouping (vote alone): detainee {0:P1}, branch {1:P1}, report {2:P1}, all three {3:P1}",
        (double)voteOnly.Exact[0] / voteOnly.Cases, (double)voteOnly.Exact[1] / voteOnly.Cases, (double)voteOnly.Exact[2] / voteOnly.Cases, (double)voteOnly.AllExact / voteOnly.Cases));
    if (readCount > 0)
        Console.WriteLine(string.Format(c, "card reading time per photo: {0:F1} ms (one thread, decode included)", (double)readTicks / System.Diagnostics.Stopwatch.Frequency / readCount * 1000));
    var show = GetInt("misreads", 0);
    foreach (var line in photos.Misreads.Take(show)) Console.WriteLine("  misread photo " + line);
    foreach (var line in cases.Misreads.Take(show)) Console.WriteLine("  misread case " + line);
    foreach (var line in cases.GroupingErrors.Take(show)) Console.WriteLine("  grouping " + line);
}
finally
{
    if (temporary) Directory.Delete(root, recursive: true);
}
return 0;
