using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Athar.Imaging.Jpeg.Structure;

/// <summary>
/// The compression signature JPEGsnoop uses to tell camera firmware from editing software (see
/// shared/testdata/README.md, "JPEG signatures"): the MD5 of "JPEGsnoop", then for each quantisation table
/// id n = 0..3 that the file defines "*DQTn," and its 64 values as "%03u," in natural order, then "*END";
/// the digest's first byte is replaced by 01 (the signature format version) and written as 32 upper-case hex
/// digits. <see cref="Rotated"/> is the same over the transposed tables, which a camera writes for portrait
/// shots when it rotates the image losslessly. The tables used are the last definition of each id.
/// </summary>
public readonly record struct JpegSnoopSignature(string Signature, string Rotated)
{
    /// <summary>The signature of a parsed file, or null when it defines no quantisation table.</summary>
    public static JpegSnoopSignature? Compute(JpegStructure structure)
    {
        var tables = new JpegQuantizationTable?[4];
        var any = false;
        for (var id = 0; id < 4; id++)
        {
            tables[id] = structure.QuantizationTable(id);
            any |= tables[id] is not null;
        }
        return any ? new JpegSnoopSignature(Digest(tables, transpose: false), Digest(tables, transpose: true)) : null;
    }

    private static string Digest(JpegQuantizationTable?[] tables, bool transpose)
    {
        var text = new StringBuilder("JPEGsnoop", 1200);
        for (var id = 0; id < 4; id++)
        {
            if (tables[id] is not { } table) continue;
            text.Append(CultureInfo.InvariantCulture, $"*DQT{id},");
            for (var i = 0; i < 64; i++)
            {
                var index = transpose ? (i % 8) * 8 + i / 8 : i;
                text.Append(table.Values[index].ToString("D3", CultureInfo.InvariantCulture)).Append(',');
            }
        }
        text.Append("*END");
#pragma warning disable CA5351 // MD5 is what JPEGsnoop's published signatures use; this identifies, it does not protect.
        var digest = MD5.HashData(Encoding.ASCII.GetBytes(text.ToString()));
#pragma warning restore CA5351
        digest[0] = 0x01;
        return Convert.ToHexString(digest);
    }
}
