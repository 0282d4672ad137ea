namespace Athar.Imaging.Jpeg.Structure;

/// <summary>
/// One Huffman table from a DHT segment (T.81 B.2.4.2): class 0 = DC (or lossless), 1 = AC; id 0..3;
/// <see cref="CodeCounts"/> the 16 counts L1..L16 of codes of each length; <see cref="Symbols"/> the values V.
/// </summary>
public sealed record JpegHuffmanTable(int Class, int Id, int Offset, IReadOnlyList<byte> CodeCounts, IReadOnlyList<byte> Symbols);
