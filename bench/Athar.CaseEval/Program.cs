using System.Globalization;
using Athar.CaseEval;
using Athar.Synth;
using Athar.Synth.Output;

// Prints one "name: value" line per measurement, so bench/eval-cases.sh (and later measurements such as
// case grouping) can add lines without changing the others.
// Usage: Athar.CaseEval [--archive DIR | --photos N --seed S --width W --height H] [--threads N] [--dump DIR] [--misreads N]
var options = args.Select((a, i) => (a, i)).Where(t => t.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(t => t.a[2..], t => t.i + 1 < args.Length ? args[t.i + 1] : "");
string Get(string name, string fallback) => options.TryGetValue(name, out var v) ? v : fallback;
int GetInt(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
var c = CultureInfo.InvariantCulture;

var accuracy = CardEval.DigitAccuracy(out var right, out var total);
Console.WriteLine(string.Format(c, "digit accuracy (held-out MNIST half): {0:P2} ({1}/{2}), goal >= 98%", accuracy, right, total));

if (options.TryGetValue("digits", out var photo))
{
    // Diagnostics: writes the normalised digits of one photo as a strip (28 px each) to DIGITS.png-ready JPEG.
    var images = new List<byte[]>();
    Athar.Cards.Reading.CardSegmenter.DigitObserved = (image, digit, confidence) => { images.Add(image); Console.WriteLine($"digit {digit} {confidence:F3}"); };
    var r = Athar.Cards.Reading.CardReader.Default.Read(File.ReadAllBytes(photo));
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
    var cards = CardEval.ReadArchive(root, truth, threads, options.TryGetValue("dump", out var dump) ? dump : null);
    Console.WriteLine(string.Format(c, "card photos: {0}, card found: {1} ({2:P1})", cards.Photos, cards.Found, (double)cards.Found / cards.Photos));
    string[] names = ["detainee", "branch", "report"];
    for (var i = 0; i < 3; i++)
        Console.WriteLine(string.Format(c, "exact-read rate {0}: {1:P1} ({2}/{3}), goal >= 90%", names[i], (double)cards.Exact[i] / cards.Photos, cards.Exact[i], cards.Photos));
    Console.WriteLine(string.Format(c, "exact-read rate all three: {0:P1}", (double)cards.AllExact / cards.Photos));
    Console.WriteLine(string.Format(c, "card reading time per photo: {0:F1} ms (one thread, decode included)", cards.SecondsPerPhoto * 1000));
    var show = GetInt("misreads", 0);
    foreach (var line in cards.Misreads.Take(show)) Console.WriteLine("  misread " + line);
}
finally
{
    if (temporary) Directory.Delete(root, recursive: true);
}
return 0;
