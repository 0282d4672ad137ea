using System.Text;
using Athar.Storage.Keys;

namespace Athar.Storage.Ledger;

/// <summary>
/// Writes everything an outsider needs to check the ledger without Athar: the entries, the signed
/// checkpoints (and timestamp tokens), the public key, a README and a standard-library Python script.
/// </summary>
public static class LedgerExport
{
    public const string PublicKeyFile = "archive-signing-key.pub.pem";
    public const string KeyNameFile = "key-name.txt";

    public static int Write(AtharArchive archive, string destination)
    {
        if (Directory.Exists(destination) && Directory.EnumerateFileSystemEntries(destination).Any())
            throw new IOException($"{destination}: the export folder must be new or empty");
        Directory.CreateDirectory(destination);
        var ledger = archive.Ledger;
        // Copy exactly the complete entries, never a tail being written.
        using (var source = new FileStream(ledger.Files.Entries, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        using (var target = File.Create(Path.Combine(destination, "entries.jsonl")))
        {
            var length = ledger.EndOffset;
            CopyBytes(source, target, length);
        }
        var checkpointsOut = Path.Combine(destination, "checkpoints");
        Directory.CreateDirectory(checkpointsOut);
        var store = archive.Checkpoints;
        foreach (var size in store.Sizes())
        {
            File.Copy(store.PathFor(size), Path.Combine(checkpointsOut, CheckpointStore.FileName(size)));
            if (File.Exists(store.TimestampPathFor(size)))
                File.Copy(store.TimestampPathFor(size), Path.Combine(checkpointsOut, Path.GetFileName(store.TimestampPathFor(size))));
        }
        using (var keys = ArchiveKeyStore.Load(archive.Layout.Keys))
        {
            File.WriteAllText(Path.Combine(destination, PublicKeyFile), keys.ExportPublicKeyPem() + "\n", Encoding.ASCII);
            File.WriteAllText(Path.Combine(destination, KeyNameFile), keys.KeyName + "\n", Encoding.UTF8);
        }
        File.WriteAllText(Path.Combine(destination, "README.txt"), ExportReadme.Text(archive.Origin), Encoding.UTF8);
        File.WriteAllText(Path.Combine(destination, "verify_ledger.py"), ExportReadme.PythonVerifier, Encoding.UTF8);
        return store.Sizes().Count;
    }

    private static void CopyBytes(Stream source, Stream target, long length)
    {
        var buffer = new byte[1 << 16];
        while (length > 0)
        {
            var read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, length));
            if (read == 0) throw new IOException("the entries file ended early while exporting");
            target.Write(buffer, 0, read);
            length -= read;
        }
    }
}
