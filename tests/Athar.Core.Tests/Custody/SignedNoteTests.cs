using System.Security.Cryptography;
using System.Text;
using Athar.Core.Custody;

namespace Athar.Core.Tests.Custody;

public class SignedNoteTests
{
    private const string Text = "athar.example/archive-1\n7\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";

    [Fact]
    public void Format_puts_a_blank_line_then_em_dash_signature_lines()
    {
        var note = new SignedNote(Text, [new NoteSignature("athar.example/key", 0x01020304, [9, 8, 7])]);
        Assert.Equal(Text + "\n\u2014 athar.example/key AQIDBAkIBw==\n", note.Format());
    }

    [Fact]
    public void Parse_round_trips_and_splits_at_the_last_blank_line()
    {
        var text = "first\n\nsecond paragraph\n";
        var formatted = new SignedNote(text, [new NoteSignature("a", 1, [1]), new NoteSignature("b", 2, [2, 2])]).Format();
        var parsed = SignedNote.Parse(formatted);
        Assert.Equal(text, parsed.Text);
        Assert.Equal(2, parsed.Signatures.Count);
        Assert.Equal("b", parsed.Signatures[1].KeyName);
        Assert.Equal(2u, parsed.Signatures[1].KeyId);
        Assert.Equal(new byte[] { 2, 2 }, parsed.Signatures[1].Signature);
        Assert.Equal(formatted, parsed.Format());
        Assert.Equal(formatted, SignedNote.Parse(Encoding.UTF8.GetBytes(formatted)).Format());
    }

    [Theory]
    [InlineData("text\n\u2014 k AQIDBAU=\n", "blank line")]
    [InlineData("text\n\n", "no signatures")]
    [InlineData("text\n\n\u2014 k AQIDBAU=", "newline")]
    [InlineData("text\n\n- k AQIDBAU=\n", "em dash")]
    [InlineData("text\n\n\u2014 kAQIDBAU=\n", "no space")]
    [InlineData("text\n\n\u2014 k+1 AQIDBAU=\n", "key name")]
    [InlineData("text\n\n\u2014  AQIDBAU=\n", "key name")]
    [InlineData("text\n\n\u2014 k AQIDBA==\n", "too short")]
    [InlineData("text\n\n\u2014 k AQID BAU=\n", "base64")]
    [InlineData("text\n\n\u2014 k !!!!\n", "base64")]
    [InlineData("te\txt\n\n\u2014 k AQIDBAU=\n", "control")]
    public void Parse_rejects_malformed_notes(string note, string expected)
    {
        var e = Assert.Throws<FormatException>(() => SignedNote.Parse(note));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Parse_rejects_invalid_utf8_and_too_many_signatures()
    {
        Assert.Throws<FormatException>(() => SignedNote.Parse([(byte)'a', 0xff, (byte)'\n', (byte)'\n']));
        var many = new StringBuilder("t\n\n");
        for (var i = 0; i <= SignedNote.MaxSignatures; i++) many.Append("\u2014 k AQIDBAU=\n");
        Assert.Throws<FormatException>(() => SignedNote.Parse(many.ToString()));
    }
}

public class NoteSignerTests
{
    private static readonly string Body = new Checkpoint("athar.example/archive-1", 42, Rfc6962.HashLeaf("x"u8)).FormatBody();

    [Fact]
    public void A_signed_checkpoint_opens_with_the_signers_key()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signer = new NoteSigner("athar.example/archive-1", key);
        var note = signer.SignNote(Body);
        using var verifier = signer.CreateVerifier();
        var (valid, text, reason) = verifier.Open(note);
        Assert.True(valid, reason);
        Assert.Equal(Body, text);
        Assert.Equal(42, Checkpoint.ParseBody(text!).TreeSize);
    }

    [Fact]
    public void The_key_id_is_the_truncated_sha256_of_the_public_key_info()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signer = new NoteSigner("k", key);
        var hash = SHA256.HashData(key.ExportSubjectPublicKeyInfo());
        Assert.Equal((uint)(hash[0] << 24 | hash[1] << 16 | hash[2] << 8 | hash[3]), signer.KeyId);
        var line = SignedNote.Parse(signer.SignNote(Body)).Signatures[0];
        Assert.Equal(signer.KeyId, line.KeyId);
    }

    [Fact]
    public void Changing_any_one_byte_of_the_body_breaks_the_signature()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signer = new NoteSigner("athar.example/archive-1", key);
        using var verifier = signer.CreateVerifier();
        var note = signer.SignNote(Body);
        for (var i = 0; i < Body.Length; i++)
        {
            if (Body[i] == '\n') continue;
            var altered = string.Concat(note.AsSpan(0, i), Body[i] == 'A' ? "B" : "A", note.AsSpan(i + 1));
            Assert.False(verifier.Open(altered).Valid, $"byte {i} changed");
        }
    }

    [Fact]
    public void Another_key_or_a_forged_line_does_not_verify()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signer = new NoteSigner("athar.example/archive-1", key);
        var impostor = new NoteSigner("athar.example/archive-1", other);
        using var verifier = signer.CreateVerifier();

        // Same name, other key: a different key ID, so the line is ignored and nothing verifies.
        var (valid, _, reason) = verifier.Open(impostor.SignNote(Body));
        Assert.False(valid);
        Assert.Contains("no signature", reason);

        // Other key's signature under our name and ID: a known key that fails, so the note is rejected.
        var forged = new NoteSignature(signer.KeyName, signer.KeyId, impostor.Sign(Body).Signature);
        var both = new SignedNote(Body, [signer.Sign(Body), forged]).Format();
        Assert.False(verifier.Open(both).Valid);
        Assert.False(verifier.Verify(Body, forged));
    }

    [Fact]
    public void A_verifier_key_string_round_trips_and_checks_its_id()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signer = new NoteSigner("athar.example/archive-1", key);
        using var verifier = signer.CreateVerifier();
        using var parsed = NoteVerifier.FromVerifierKey(verifier.VerifierKey);
        Assert.Equal(signer.KeyId, parsed.KeyId);
        Assert.True(parsed.Open(signer.SignNote(Body)).Valid);
        var wrongId = verifier.VerifierKey.Split('+');
        wrongId[1] = (signer.KeyId ^ 1).ToString("x8");
        Assert.Throws<FormatException>(() => NoteVerifier.FromVerifierKey(string.Join('+', wrongId)));
    }

    [Fact]
    public void Only_p256_keys_are_accepted()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Assert.Throws<ArgumentException>(() => new NoteSigner("k", p384));
        Assert.Throws<ArgumentException>(() => new NoteVerifier("k", p384.ExportSubjectPublicKeyInfo()));
    }
}
