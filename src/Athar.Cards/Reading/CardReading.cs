using Athar.Imaging.Raster;

namespace Athar.Cards.Reading;

/// <summary>What one card line is: the card's three numbers, top to bottom.</summary>
public enum CardLineRole
{
    Detainee,
    Branch,
    Report,
}

/// <summary>
/// One digit read from a card: the digit, the recogniser's probability for it, where it sits on the rectified card,
/// and the recogniser's second choice with its probability (-1 and 0 when there is none): the other photos of a
/// case may settle between the two.
/// </summary>
public readonly record struct CardDigit(int Digit, float Confidence, RectI Box, int RunnerUp = -1, float RunnerUpConfidence = 0);

/// <summary>One line of a card: its role, the digits read left to right, and their text.</summary>
public sealed record CardLine(CardLineRole Role, IReadOnlyList<CardDigit> Digits)
{
    /// <summary>
    /// Something covers the card within reach of this line's writing (a fold of a sheet over a corner): a digit may be
    /// hidden or cut short, however confident the digits read.
    /// </summary>
    public bool Covered { get; init; }

    public string Text => string.Concat(Digits.Select(d => (char)('0' + d.Digit)));

    /// <summary>The lowest digit confidence of the line, 0 when it has no digits.</summary>
    public float Confidence => Digits.Count == 0 ? 0 : Digits.Min(d => d.Confidence);

    public static string RoleName(CardLineRole role) => role switch
    {
        CardLineRole.Detainee => "detainee",
        CardLineRole.Branch => "branch",
        _ => "report",
    };
}

/// <summary>
/// The rectified card as a grey image (top of the writing up), for people to read: the transcription
/// queue shows it instead of the whole photo. <see cref="ToJpeg"/> encodes it.
/// </summary>
public sealed record CardCrop(int Width, int Height, byte[] Gray)
{
    /// <summary>The crop as a greyscale JPEG at <paramref name="quality"/>.</summary>
    public byte[] ToJpeg(int quality = 90)
        => Athar.Imaging.TurboJpeg.JpegEncoder.Shared.Encode(Gray, Width, Height, Width, PixelLayout.Gray8, quality);
}

/// <summary>
/// The result of reading one photo. When <see cref="Found"/> is false there is no quad, no lines and no
/// crop, and <see cref="Reason"/> says why (no card, undecodable file). Never an exception.
/// </summary>
public sealed record CardReading
{
    public bool Found { get; init; }

    /// <summary>Why nothing was read, when <see cref="Found"/> is false.</summary>
    public string? Reason { get; init; }

    /// <summary>The card's corners in original image pixels, clockwise from the top-left of its writing.</summary>
    public IReadOnlyList<PointF> Quad { get; init; } = [];

    /// <summary>Detainee, branch and report lines, in that order (always three when found).</summary>
    public IReadOnlyList<CardLine> Lines { get; init; } = [];

    public CardCrop? Crop { get; init; }

    /// <summary>The lowest confidence of any digit on the card; 0 when not found or a line is empty.</summary>
    public float Confidence => !Found || Lines.Count == 0 || Lines.Any(l => l.Digits.Count == 0) ? 0 : Lines.Min(l => l.Confidence);

    public CardLine? Line(CardLineRole role) => Lines.FirstOrDefault(l => l.Role == role);

    public static CardReading NotFound(string reason) => new() { Found = false, Reason = reason };
}
