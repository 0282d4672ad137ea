namespace Athar.Cases.Grouping;

/// <summary>
/// What grouping knows about one photo, taken from the facts the item analyzers recorded.
/// </summary>
/// <param name="Camera">Camera identity (make, model and body serial), or null when the file carries no camera metadata.</param>
/// <param name="FileNumber">DCF position (folder number × 10000 + file counter, DCF 2.0 section 3.2) from the copy paths, or null.</param>
/// <param name="Folder">The folder of the copy that gave <see cref="FileNumber"/> (used to place photos without a camera).</param>
/// <param name="Time">EXIF DateTimeOriginal with sub-seconds, camera-local, or null.</param>
/// <param name="Pdq">PDQ hash as four 64-bit words, or null.</param>
/// <param name="Card">The card reader's result, or null when the reader has not looked at the photo.</param>
/// <param name="IntakeOrder">The ledger entry that first recorded the item: the last tie-breaker, so grouping is deterministic.</param>
public sealed record PhotoFacts(
    string ItemId,
    string? Camera,
    long? FileNumber,
    string? Folder,
    DateTime? Time,
    ulong[]? Pdq,
    CardReading? Card,
    long IntakeOrder)
{
    /// <summary>Hamming distance between two PDQ hashes (0..256), or null when either is missing.</summary>
    public int? PdqDistance(PhotoFacts other)
    {
        if (Pdq is null || other.Pdq is null) return null;
        var d = 0;
        for (var i = 0; i < 4; i++) d += System.Numerics.BitOperations.PopCount(Pdq[i] ^ other.Pdq[i]);
        return d;
    }
}
