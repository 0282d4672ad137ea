namespace Athar.Imaging.Exif;

/// <summary>A TIFF RATIONAL: two unsigned 32-bit integers.</summary>
public readonly record struct Rational(uint Numerator, uint Denominator)
{
    public double Value => Denominator == 0 ? double.NaN : (double)Numerator / Denominator;
    public override string ToString() => $"{Numerator}/{Denominator}";
}
