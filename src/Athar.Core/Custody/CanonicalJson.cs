using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Athar.Core.Custody;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme (JCS): one byte sequence for one JSON value, so that a custody
/// entry hashes the same wherever it is re-serialised. Object members are sorted by their UTF-16 code
/// units (RFC 8785 section 3.2.3), strings use the minimal escapes of section 3.2.2.2, and numbers are
/// written as ECMAScript's Number.prototype.toString writes them (section 3.2.2.3).
/// </summary>
public static class CanonicalJson
{
    public static byte[] Serialize(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Write(node, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(JsonNode? node, IBufferWriter<byte> output)
    {
        switch (node)
        {
            case null:
                Append(output, "null"u8);
                break;
            case JsonObject obj:
                WriteObject(obj, output);
                break;
            case JsonArray array:
                Append(output, "["u8);
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0) Append(output, ","u8);
                    Write(array[i], output);
                }
                Append(output, "]"u8);
                break;
            case JsonValue value:
                WriteValue(value, output);
                break;
        }
    }

    /// <summary>Writes <c>prefix"name":value</c>; for callers that emit members already in canonical order.</summary>
    public static void WriteMember(IBufferWriter<byte> output, string prefix, string name, JsonNode? value)
    {
        AppendAscii(output, prefix);
        WriteString(name, output);
        Append(output, ":"u8);
        Write(value, output);
    }

    public static void WriteRaw(IBufferWriter<byte> output, string ascii) => AppendAscii(output, ascii);

    private static void WriteObject(JsonObject obj, IBufferWriter<byte> output)
    {
        var count = obj.Count;
        var members = ArrayPool<KeyValuePair<string, JsonNode?>>.Shared.Rent(count);
        try
        {
            var n = 0;
            foreach (var member in obj) members[n++] = member;
            members.AsSpan(0, count).Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
            Append(output, "{"u8);
            for (var i = 0; i < count; i++)
            {
                if (i > 0) Append(output, ","u8);
                WriteString(members[i].Key, output);
                Append(output, ":"u8);
                Write(members[i].Value, output);
            }
            Append(output, "}"u8);
        }
        finally
        {
            members.AsSpan(0, count).Clear(); // do not keep entry nodes alive in the shared pool
            ArrayPool<KeyValuePair<string, JsonNode?>>.Shared.Return(members);
        }
    }

    private static void WriteValue(JsonValue value, IBufferWriter<byte> output)
    {
        // Values built in code hold CLR primitives; parsed values hold a JsonElement. Take the cheap routes first.
        if (value.TryGetValue<string>(out var text)) { WriteString(text, output); return; }
        if (value.TryGetValue<long>(out var int64)) { AppendAscii(output, FormatInteger(int64)); return; }
        if (value.TryGetValue<int>(out var int32)) { AppendAscii(output, FormatInteger(int32)); return; }
        if (value.TryGetValue<bool>(out var flag)) { Append(output, flag ? "true"u8 : "false"u8); return; }
        if (value.TryGetValue<double>(out var real)) { AppendAscii(output, FormatDouble(real)); return; }
        if (!value.TryGetValue<JsonElement>(out var element))
            element = JsonDocument.Parse(value.ToJsonString()).RootElement;
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                WriteString(element.GetString()!, output);
                break;
            case JsonValueKind.Number:
                AppendAscii(output, FormatNumber(element));
                break;
            case JsonValueKind.True:
                Append(output, "true"u8);
                break;
            case JsonValueKind.False:
                Append(output, "false"u8);
                break;
            case JsonValueKind.Null:
                Append(output, "null"u8);
                break;
            default:
                throw new ArgumentException($"unexpected JSON value kind {element.ValueKind}");
        }
    }

    // Integers beyond 2^53 are not exact in ECMAScript; write them as the double they would become.
    private static string FormatInteger(long value) =>
        Math.Abs((double)value) < 9007199254740992d ? value.ToString(CultureInfo.InvariantCulture) : FormatDouble(value);

    private static string FormatNumber(JsonElement element)
    {
        // Integers that fit in a long are exact; ECMAScript writes integral doubles below 1e21 the same way.
        if (element.TryGetInt64(out var integer)) return FormatInteger(integer);
        return FormatDouble(element.GetDouble());
    }

    /// <summary>ECMAScript Number.prototype.toString for a finite double (RFC 8785 section 3.2.2.3).</summary>
    internal static string FormatDouble(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException("JSON has no NaN or Infinity (RFC 8785 section 3.2.2.3)");
        if (value == 0) return "0"; // covers -0 too
        // "R" gives the shortest round-trip digits; rebuild ECMAScript's layout from digits and exponent.
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest.StartsWith('-');
        if (negative) shortest = shortest[1..];
        var (digits, exponent) = SplitDigits(shortest); // value = 0.digits * 10^exponent
        var sb = new StringBuilder();
        if (negative) sb.Append('-');
        var k = digits.Length;
        var n = exponent;
        if (k <= n && n <= 21)
        {
            sb.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            sb.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            sb.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            var e = n - 1;
            sb.Append(digits[0]);
            if (k > 1) sb.Append('.').Append(digits, 1, k - 1);
            sb.Append('e').Append(e >= 0 ? '+' : '-').Append(Math.Abs(e).ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    // Splits a positive "R"-formatted number into significant digits and the exponent n of 0.d1d2... x 10^n.
    private static (string Digits, int Exponent) SplitDigits(string text)
    {
        var exponentPart = 0;
        var ePos = text.IndexOfAny(['E', 'e']);
        if (ePos >= 0)
        {
            exponentPart = int.Parse(text.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..ePos];
        }
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? text[..dot] : text;
        var fracPart = dot >= 0 ? text[(dot + 1)..] : string.Empty;
        var all = intPart + fracPart;
        var pointPosition = intPart.Length + exponentPart;
        var leading = 0;
        while (leading < all.Length - 1 && all[leading] == '0') leading++;
        all = all[leading..];
        pointPosition -= leading;
        all = all.TrimEnd('0');
        if (all.Length == 0) all = "0";
        return (all, pointPosition);
    }

    private static void WriteString(string text, IBufferWriter<byte> output)
    {
        if (!IsWellFormedUtf16(text)) throw new ArgumentException("JSON strings must be well-formed Unicode (RFC 8785 section 3.2.2.2)");
        Append(output, "\""u8);
        // Runs that need no escape go straight to UTF-8 in the output buffer; no intermediate strings.
        var span = text.AsSpan();
        Span<byte> escape = stackalloc byte[6];
        "\\u00"u8.CopyTo(escape);
        var runStart = 0;
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (c >= 0x20 && c != '"' && c != '\\') continue;
            AppendUtf8(output, span[runStart..i]);
            switch (c)
            {
                case '"': Append(output, "\\\""u8); break;
                case '\\': Append(output, "\\\\"u8); break;
                case '\b': Append(output, "\\b"u8); break;
                case '\f': Append(output, "\\f"u8); break;
                case '\n': Append(output, "\\n"u8); break;
                case '\r': Append(output, "\\r"u8); break;
                case '\t': Append(output, "\\t"u8); break;
                default:
                    escape[4] = HexDigit(c >> 4);
                    escape[5] = HexDigit(c & 0xF);
                    Append(output, escape);
                    break;
            }
            runStart = i + 1;
        }
        AppendUtf8(output, span[runStart..]);
        Append(output, "\""u8);
    }

    private static byte HexDigit(int value) => (byte)(value < 10 ? '0' + value : 'a' + value - 10);

    private static void AppendUtf8(IBufferWriter<byte> output, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return;
        var destination = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        var written = Encoding.UTF8.GetBytes(text, destination);
        output.Advance(written);
    }

    private static bool IsWellFormedUtf16(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]))
            {
                if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(s[i])) return false;
        }
        return true;
    }

    private static void Append(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }

    private static void AppendAscii(IBufferWriter<byte> output, string ascii) => Append(output, Encoding.ASCII.GetBytes(ascii));
}
