using System.Text.Encodings.Web;
using System.Text.Json;

namespace Athar.Storage.Ocfl;

internal static class OcflJson
{
    /// <summary>Indented, and non-ASCII file names written as themselves rather than \u escapes.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
