using System.Text;
using Athar.Core.Custody;
using Athar.Storage.Keys;
using Athar.TestSupport;

namespace Athar.Storage.Tests.Keys;

public class ArchiveKeyStoreTests
{
    private const string KeyName = "athar.example/archive-1";
    private static readonly string Body = new Checkpoint(KeyName, 3, Rfc6962.HashLeaf("3"u8)).FormatBody();

    [Fact]
    public void Create_writes_the_three_files_and_the_private_key_is_mode_0600()
    {
        using var dir = new TempDirectory("keys");
        var keys = dir.Combine("keys");
        using var store = ArchiveKeyStore.Create(keys, KeyName);
        Assert.True(File.Exists(Path.Combine(keys, ArchiveKeyStore.PublicKeyFileName)));
        Assert.Equal(KeyName + "\n", File.ReadAllText(Path.Combine(keys, ArchiveKeyStore.KeyNameFileName)));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(Path.Combine(keys, ArchiveKeyStore.PrivateKeyFileName)));
        Assert.Equal(store.ExportPublicKeyPem() + "\n", File.ReadAllText(Path.Combine(keys, ArchiveKeyStore.PublicKeyFileName)));
        if (OperatingSystem.IsWindows()) return;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(keys, ArchiveKeyStore.PrivateKeyFileName)));
        Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(keys) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
    }

    [Fact]
    public void Create_refuses_to_overwrite_an_existing_key()
    {
        using var dir = new TempDirectory("keys");
        using (ArchiveKeyStore.Create(dir.Path, KeyName)) { }
        var before = File.ReadAllBytes(dir.Combine(ArchiveKeyStore.PrivateKeyFileName));
        Assert.Throws<IOException>(() => ArchiveKeyStore.Create(dir.Path, KeyName));
        Assert.Equal(before, File.ReadAllBytes(dir.Combine(ArchiveKeyStore.PrivateKeyFileName)));
    }

    [Fact]
    public void A_loaded_key_verifies_what_the_created_key_signed()
    {
        using var dir = new TempDirectory("keys");
        string note;
        using (var created = ArchiveKeyStore.Create(dir.Path, KeyName)) note = created.CreateSigner().SignNote(Body);
        using var loaded = ArchiveKeyStore.Load(dir.Path);
        Assert.Equal(KeyName, loaded.KeyName);
        using var verifier = loaded.CreateVerifier();
        Assert.True(verifier.Open(note).Valid);
        using var fromPem = NoteVerifier.FromPublicKeyPem(KeyName, File.ReadAllText(dir.Combine(ArchiveKeyStore.PublicKeyFileName)));
        Assert.True(fromPem.Open(note).Valid);
        Assert.False(fromPem.Open(note.Replace("\n3\n", "\n4\n", StringComparison.Ordinal)).Valid);
    }

    [Fact]
    public void Load_refuses_a_world_readable_private_key_and_a_mismatched_public_key()
    {
        if (OperatingSystem.IsWindows()) return;
        using var dir = new TempDirectory("keys");
        using var other = new TempDirectory("keys");
        using (ArchiveKeyStore.Create(dir.Path, KeyName)) { }
        using (ArchiveKeyStore.Create(other.Path, KeyName)) { }
        var privatePath = dir.Combine(ArchiveKeyStore.PrivateKeyFileName);
        File.SetUnixFileMode(privatePath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        Assert.Contains("chmod 600", Assert.Throws<InvalidDataException>(() => ArchiveKeyStore.Load(dir.Path)).Message);
        File.SetUnixFileMode(privatePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Copy(other.Combine(ArchiveKeyStore.PublicKeyFileName), dir.Combine(ArchiveKeyStore.PublicKeyFileName), overwrite: true);
        Assert.Contains("public half", Assert.Throws<InvalidDataException>(() => ArchiveKeyStore.Load(dir.Path)).Message);
    }

    [Fact]
    public void Openssl_verifies_the_signature_with_the_published_public_key()
    {
        OpenSslCli.Require();
        using var dir = new TempDirectory("keys");
        using var store = ArchiveKeyStore.Create(dir.Combine("keys"), KeyName);
        var note = SignedNote.Parse(store.CreateSigner().SignNote(Body));
        // What an outsider does: the note text, the signature bytes after the 4-byte key ID, the public key.
        dir.WriteFile("body.txt", Encoding.UTF8.GetBytes(note.Text));
        dir.WriteFile("sig.der", note.Signatures[0].Signature);
        File.Copy(dir.Combine("keys", ArchiveKeyStore.PublicKeyFileName), dir.Combine("pub.pem"));

        var (code, output) = OpenSslCli.Run(dir.Path, null, "dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.der", "body.txt");
        Assert.True(code == 0, output);
        Assert.Contains("Verified OK", output);

        // And openssl must say no to a changed body, or the check above proves nothing.
        dir.WriteFile("body.txt", Encoding.UTF8.GetBytes(note.Text.Replace("\n3\n", "\n4\n", StringComparison.Ordinal)));
        (code, output) = OpenSslCli.Run(dir.Path, null, "dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.der", "body.txt");
        Assert.NotEqual(0, code);
    }

    [Fact]
    public void The_key_id_matches_one_computed_by_openssl_from_the_public_key()
    {
        OpenSslCli.Require();
        using var dir = new TempDirectory("keys");
        using var store = ArchiveKeyStore.Create(dir.Path, KeyName);
        OpenSslCli.Check(dir.Path, "pkey", "-pubin", "-in", ArchiveKeyStore.PublicKeyFileName, "-outform", "DER", "-out", "pub.der");
        var digest = OpenSslCli.Check(dir.Path, "dgst", "-sha256", "-r", "pub.der");
        Assert.Equal(digest[..8], store.CreateSigner().KeyId.ToString("x8"));
    }
}
