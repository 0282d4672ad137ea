using System.Security.Cryptography;
using System.Text;
using Athar.Core.Custody;

namespace Athar.Storage.Keys;

/// <summary>
/// The archive's signing key in <c>keys/</c>: <c>archive-signing-key.pem</c> (PKCS#8 private key, mode 0600),
/// <c>archive-signing-key.pub.pem</c> (SubjectPublicKeyInfo, for anyone) and <c>key-name.txt</c> (the name used
/// in signature lines, one line). The key is ECDSA P-256; see <see cref="NoteSigner"/> for why.
/// </summary>
public sealed class ArchiveKeyStore : IDisposable
{
    public const string PrivateKeyFileName = "archive-signing-key.pem";
    public const string PublicKeyFileName = "archive-signing-key.pub.pem";
    public const string KeyNameFileName = "key-name.txt";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly ECDsa _key;

    private ArchiveKeyStore(string directory, string keyName, ECDsa key)
    {
        Directory = directory;
        KeyName = keyName;
        _key = key;
    }

    /// <summary>The keys folder.</summary>
    public string Directory { get; }

    /// <summary>The key name of the signature lines (c2sp.org/signed-note), e.g. <c>athar.example/archive-1</c>.</summary>
    public string KeyName { get; }

    /// <summary>
    /// Makes a new P-256 key in <paramref name="keysDirectory"/> (created with mode 0700 when missing). The private
    /// key file is created with mode 0600 by the open call itself, so it is never readable by others, not even
    /// for a moment. Refuses, with <see cref="IOException"/>, when any of the three files exists.
    /// </summary>
    public static ArchiveKeyStore Create(string keysDirectory, string keyName)
    {
        if (SignedNote.CheckKeyName(keyName) is { } error) throw new ArgumentException(error, nameof(keyName));
        if (OperatingSystem.IsWindows()) System.IO.Directory.CreateDirectory(keysDirectory);
        else System.IO.Directory.CreateDirectory(keysDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var name in new[] { PrivateKeyFileName, PublicKeyFileName, KeyNameFileName })
        {
            var path = Path.Combine(keysDirectory, name);
            if (File.Exists(path)) throw new IOException($"refusing to overwrite the existing key file {path}");
        }

        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        try
        {
            // Private key first: if anything after it fails, no public half exists without its private key.
            WriteNew(Path.Combine(keysDirectory, PrivateKeyFileName), key.ExportPkcs8PrivateKeyPem() + "\n", OwnerOnly);
            var readable = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
            WriteNew(Path.Combine(keysDirectory, PublicKeyFileName), key.ExportSubjectPublicKeyInfoPem() + "\n", readable);
            WriteNew(Path.Combine(keysDirectory, KeyNameFileName), keyName + "\n", readable);
            return new ArchiveKeyStore(keysDirectory, keyName, key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Loads the key from <paramref name="keysDirectory"/>. Throws <see cref="InvalidDataException"/> when a file
    /// is missing or malformed, when the public key file does not match the private key, or when the private key
    /// file is readable by group or others (fix with <c>chmod 600</c>).
    /// </summary>
    public static ArchiveKeyStore Load(string keysDirectory)
    {
        var privatePath = Path.Combine(keysDirectory, PrivateKeyFileName);
        var publicPath = Path.Combine(keysDirectory, PublicKeyFileName);
        var namePath = Path.Combine(keysDirectory, KeyNameFileName);
        foreach (var path in new[] { privatePath, publicPath, namePath })
        {
            if (!File.Exists(path)) throw new InvalidDataException($"key file {path} is missing");
        }
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(privatePath) & ~OwnerOnly & ~UnixFileMode.UserExecute) != 0)
            throw new InvalidDataException($"private key {privatePath} is accessible to group or others; run chmod 600 on it");

        var nameText = File.ReadAllText(namePath, Encoding.UTF8);
        var keyName = nameText.EndsWith('\n') ? nameText[..^1] : nameText;
        if (SignedNote.CheckKeyName(keyName) is { } error) throw new InvalidDataException($"{namePath}: {error}");

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(privatePath, Encoding.ASCII));
            using var published = ECDsa.Create();
            published.ImportFromPem(File.ReadAllText(publicPath, Encoding.ASCII));
            if (!published.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
                throw new InvalidDataException($"{publicPath} is not the public half of {privatePath}");
            // Refuses any curve but P-256, as the signer would.
            _ = new NoteSigner(keyName, key);
            return new ArchiveKeyStore(keysDirectory, keyName, key);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new InvalidDataException($"key files in {keysDirectory} cannot be used: {e.Message}", e);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>The public key as PEM (SubjectPublicKeyInfo), the form <c>openssl dgst -verify</c> reads.</summary>
    public string ExportPublicKeyPem() => _key.ExportSubjectPublicKeyInfoPem();

    /// <summary>A signer over this key; valid while this store is not disposed.</summary>
    public NoteSigner CreateSigner() => new(KeyName, _key);

    /// <summary>A verifier for this key's signatures.</summary>
    public NoteVerifier CreateVerifier() => new(KeyName, _key.ExportSubjectPublicKeyInfo());

    public void Dispose() => _key.Dispose();

    private static void WriteNew(string path, string content, UnixFileMode mode)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = mode;
        using var stream = new FileStream(path, options);
        stream.Write(Encoding.UTF8.GetBytes(content));
        stream.Flush(flushToDisk: true);
    }
}
