using System.Text;
using Athar.Forensics.HashBanks;
using Athar.Forensics.Pdq;

namespace Athar.Forensics.Tests.HashBanks;

/// <summary>Reading text banks as ThreatExchange and HMA export them, and the stored binary form.</summary>
public sealed class HashBankTextTests
{
    private const string H1 = "f162eb9daab170c0567fe3632d9a5548c5612982dd5e374a7424ebbc8a835c95";
    private const string H2 = "b062eb9d2ab170c0567fcb672d9a5548c5612982dd5e374a7424ebbc8b135cb5";
    private const string H3 = "98736629670cc19fc9f23862f66cce1f599e32c78e236c78619d202e9e66c157";

    [Fact]
    public void Bare_hashes_with_crlf_blank_lines_and_a_bom()
    {
        var (parse, problems) = Parse("\uFEFF" + H1 + "\r\n\r\n  " + H2.ToUpperInvariant() + "  \r\n");

        Assert.Empty(problems);
        Assert.Equal(2, parse.Hashes);
        Assert.Equal([PdqHash.Parse(H1), PdqHash.Parse(H2)], parse.Content.Hashes.Take(2));
        Assert.Equal(0, parse.Labelled);
        Assert.False(parse.HeaderSkipped);
    }

    [Fact]
    public void Header_names_the_columns_and_extra_columns_are_ignored()
    {
        var (parse, problems) = Parse($"id,signal_type,signal,tags\n17,pdq,{H1},\"violence, graphic\"\n18,pdq,{H2},\n");

        Assert.Empty(problems);
        Assert.True(parse.HeaderSkipped);
        var bank = RoundTrip(parse);
        Assert.Equal(PdqHash.Parse(H1), bank.Hashes[0]);
        Assert.Equal("violence, graphic", bank.Label(0)); // "tags" is preferred to "id" as the label
        Assert.Null(bank.Label(1));
    }

    [Fact]
    public void Hash_comma_label_without_header()
    {
        var (parse, problems) = Parse($"{H1},war-2004/photo 1\n{H2},war-2004/photo 1\n{H3}\t\"quoted \"\"label\"\"\"\n");

        Assert.Empty(problems);
        var bank = RoundTrip(parse);
        Assert.Equal(["war-2004/photo 1", "war-2004/photo 1", "quoted \"label\""], Enumerable.Range(0, 3).Select(bank.Label));
        Assert.Equal(3, parse.Labelled);
    }

    [Fact]
    public void Bad_lines_are_reported_with_their_number_and_the_rest_is_kept()
    {
        var (parse, problems) = Parse($"{H1}\n{H1[..63]}\nnot a hash,label\n{H2}x\n\n{H3},ok\n,orphan label\n");

        Assert.Equal(2, parse.Hashes);
        Assert.Equal(4, parse.Rejected);
        Assert.Equal([2L, 3L, 4L, 7L], problems.Select(p => p.Line));
        Assert.All(problems, p => Assert.True(p.Rejected));
        Assert.Contains("not a PDQ hash", problems[0].Reason, StringComparison.Ordinal);
        Assert.Equal("no hash field", problems[3].Reason);
    }

    [Fact]
    public void A_first_line_that_is_not_a_hash_is_a_header_only_once()
    {
        var (parse, problems) = Parse($"hash\n{H1}\nhash\n");

        Assert.True(parse.HeaderSkipped);
        Assert.Equal(1, parse.Hashes);
        Assert.Equal(3, Assert.Single(problems).Line);
    }

    [Fact]
    public void Huge_labels_are_cut_and_the_hash_is_kept()
    {
        var label = new string('é', 5000);
        var (parse, problems) = Parse($"{H1},{label}\n");

        Assert.Equal(1, parse.Hashes);
        Assert.Equal(1, parse.LabelsCut);
        Assert.False(Assert.Single(problems).Rejected);
        Assert.Equal(new string('é', HashBankFile.MaxLabelLength), RoundTrip(parse).Label(0));
    }

    [Fact]
    public void Empty_input_gives_an_empty_bank()
    {
        var (parse, problems) = Parse("");
        Assert.Equal(0, parse.Hashes);
        Assert.Empty(problems);
        Assert.Equal(0, RoundTrip(parse).Count);
    }

    [Fact]
    public void Stored_form_is_refused_when_truncated_or_foreign()
    {
        var (parse, _) = Parse($"{H1},a\n{H2},b\n");
        using var stream = new MemoryStream();
        HashBankFile.Write(stream, parse.Content);
        var bytes = stream.ToArray();
        Assert.Equal(24 + 2 * 40 + 2 * (2 + 1), bytes.Length); // header, hashes and offsets, two one-byte labels

        Assert.Throws<InvalidDataException>(() => HashBankFile.Read(new MemoryStream(bytes[..^1]), "t"));
        var foreign = (byte[])bytes.Clone();
        foreign[0] = (byte)'X';
        Assert.Throws<InvalidDataException>(() => HashBankFile.Read(new MemoryStream(foreign), "t"));
    }

    private static (HashBankParse, List<HashBankLineProblem>) Parse(string text)
    {
        var problems = new List<HashBankLineProblem>();
        var parse = HashBankText.Parse(new MemoryStream(Encoding.UTF8.GetBytes(text)), problems.Add);
        return (parse, problems);
    }

    private static HashBank RoundTrip(HashBankParse parse)
    {
        using var stream = new MemoryStream();
        HashBankFile.Write(stream, parse.Content);
        stream.Position = 0;
        var bank = HashBankFile.Read(stream, "test");
        Assert.Equal(parse.Hashes, bank.Count);
        return bank;
    }
}
