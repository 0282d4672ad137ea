using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Athar.Core.Intake;

/// <summary>
/// Linux stores file names as bytes, and old drives hold names in legacy encodings (an Arabic Windows
/// machine writes Windows-1256). .NET decodes every name as UTF-8 and replaces what does not decode with
/// U+FFFD, after which the file can be neither opened nor told apart from its neighbours. Athar keeps the
/// bytes, and writes a display text in which each byte that is not part of valid UTF-8 reads <c>%XX</c>
/// (and, in such names only, a literal '%' reads <c>%25</c>). The bytes are the authority; the text is for
/// people and for the catalog.
/// </summary>
public static class RawFileName
{
    public static bool IsValidUtf8(ReadOnlySpan<byte> name) => Utf8.IsValid(name);

    public static string Display(ReadOnlySpan<byte> name)
    {
        if (Utf8.IsValid(name)) return Encoding.UTF8.GetString(name);
        var text = new StringBuilder(name.Length + 16);
        while (!name.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(name, out var rune, out var consumed);
            if (status == OperationStatus.Done)
            {
                if (rune.Value == '%') text.Append("%25");
                else text.Append(rune.ToString());
            }
            else
            {
                consumed = Math.Max(consumed, 1);
                foreach (var b in name[..consumed]) text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            name = name[consumed..];
        }
        return text.ToString();
    }
}
