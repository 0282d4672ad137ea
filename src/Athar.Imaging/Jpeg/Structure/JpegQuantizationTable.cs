namespace Athar.Imaging.Jpeg.Structure;

/// <summary>
/// One quantisation table from a DQT segment (T.81 B.2.4.1). <see cref="Values"/> holds the 64 entries in
/// natural (row-major) order, already de-zigzagged; <see cref="Precision"/> is 8 or 16 bits (Pq = 0 or 1).
/// <see cref="Offset"/> is the file offset of the table's Pq/Tq byte.
/// </summary>
public sealed record JpegQuantizationTable(int Id, int Precision, int Offset, IReadOnlyList<ushort> Values)
{
    /// <summary>The entry at row <paramref name="row"/>, column <paramref name="column"/> (0..7).</summary>
    public ushort At(int row, int column) => Values[row * 8 + column];
}
