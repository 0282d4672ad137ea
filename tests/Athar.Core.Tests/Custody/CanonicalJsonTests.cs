using System.Text;
using System.Text.Json.Nodes;
using Athar.Core.Custody;

namespace Athar.Core.Tests.Custody;

public class CanonicalJsonTests
{
    private static string Canonical(string json) => Encoding.UTF8.GetString(CanonicalJson.Serialize(JsonNode.Parse(json)));

    [Fact]
    public void Members_are_sorted_by_utf16_code_units_and_whitespace_is_dropped()
    {
        // RFC 8785 section 3.2.3 sorts by UTF-16 code units: "\u20ac" (0x20AC) sorts before "\ud83d\ude00" (0xD83D).
        var canonical = Canonical("{ \"b\": 1, \"a\": [ true, false, null ], \"\\ud83d\\ude00\": 2, \"\\u20ac\": 3, \"A\": {\"z\":1,\"y\":2} }");
        Assert.Equal("{\"A\":{\"y\":2,\"z\":1},\"a\":[true,false,null],\"b\":1,\"€\":3,\"😀\":2}", canonical);
    }

    [Fact]
    public void Strings_use_the_minimal_escapes()
    {
        var canonical = Canonical("\"\\u0041\\n\\u001f\\\"\\\\/\\u00e9\\u2028\"");
        Assert.Equal("\"A\\n\\u001f\\\"\\\\/é\u2028\"", canonical);
    }

    [Theory]
    // Values from RFC 8785 appendix B and ECMAScript's Number.prototype.toString.
    [InlineData("0", "0")]
    [InlineData("-0", "0")]
    [InlineData("1e21", "1e+21")]
    [InlineData("1e20", "100000000000000000000")]
    [InlineData("333333333.33333329", "333333333.3333333")]
    [InlineData("1E30", "1e+30")]
    [InlineData("4.50", "4.5")]
    [InlineData("2e-3", "0.002")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("0.0000001", "1e-7")]
    [InlineData("-1.5e-10", "-1.5e-10")]
    [InlineData("9007199254740993", "9007199254740992")]
    [InlineData("123456789", "123456789")]
    public void Numbers_follow_ecmascript_formatting(string input, string expected)
    {
        Assert.Equal(expected, Canonical(input));
    }

    [Fact]
    public void Lone_surrogates_are_refused()
    {
        Assert.Throws<ArgumentException>(() => CanonicalJson.Serialize(JsonValue.Create("\ud800")));
    }
}

public class CustodyEntryCanonicalTests
{
    [Fact]
    public void The_fast_writer_gives_exactly_the_canonical_form_of_the_whole_entry()
    {
        var entry = new CustodyEntry(42, new DateTimeOffset(2014, 3, 1, 9, 14, 7, 123, TimeSpan.FromHours(3)), "archivist@host", "copy-ingested",
            new JsonObject { ["source"] = "drive-07", ["item"] = new string('a', 64) },
            new JsonObject { ["path"] = "صور/جثة ١.jpg", ["size"] = 12345L, ["version"] = 3, ["note"] = null, ["z"] = new JsonArray(1, "x"), ["A"] = true });
        Assert.Equal(CanonicalJson.Serialize(entry.ToJson()), entry.ToCanonicalBytes());
        Assert.Equal(entry.ToCanonicalBytes(), CustodyEntry.Parse(entry.ToCanonicalBytes()).ToCanonicalBytes());
    }
}
