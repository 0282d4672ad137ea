namespace Athar.Storage.Ledger;

/// <summary>The README and script that travel with a ledger export, for a checker who has no Athar.</summary>
internal static class ExportReadme
{
    public static string Text(string origin) => $$"""
        Athar custody ledger export
        ===========================

        Archive (checkpoint origin): {{origin}}

        This folder lets anyone check, without Athar, that the custody record of an evidence archive is
        complete and unaltered up to each signed checkpoint.

        Files
          entries.jsonl                 the custody events, one per line, each in RFC 8785 canonical JSON
          checkpoints/checkpoint-N.txt  signed checkpoints (C2SP tlog-checkpoint, signed note) of the first N entries
          checkpoints/checkpoint-N.tsr  an RFC 3161 timestamp token over checkpoint-N.txt, where one was obtained
          archive-signing-key.pub.pem   the archive's ECDSA P-256 public key
          key-name.txt                  the key name used in the checkpoints' signature lines
          verify_ledger.py              a checker that uses only Python's standard library

        The model
          Each line of entries.jsonl (without its newline) is a leaf of an RFC 6962 Merkle tree:
            leaf hash = SHA-256(0x00 || line)
            node hash = SHA-256(0x01 || left || right)
          For n leaves, the root is the hash of the left subtree of k leaves (k the largest power of two
          below n) and the right subtree of the remaining n-k, recursively; the root of one leaf is its
          leaf hash. A checkpoint signs three lines: the origin, the tree size N and the base64 root of the
          first N entries. Changing, removing, inserting or reordering any of those entries changes the root.

        1. Recompute the roots and compare them with every checkpoint
             python3 verify_ledger.py .
           It prints each checkpoint with "root matches" or "ROOT MISMATCH", and exits 1 on any mismatch.

           One leaf hash by hand (entry 0):
             head -n 1 entries.jsonl | tr -d '\n' > leaf0.bin
             ( printf '\000'; cat leaf0.bin ) | sha256sum

        2. Check a checkpoint's signature with OpenSSL
           A checkpoint file is the note text, a blank line, then lines "— NAME BASE64". The base64 decodes
           to a 4-byte key ID followed by a DER-encoded ECDSA signature over the note text (SHA-256).
             python3 verify_ledger.py --extract checkpoints/checkpoint-000000000012.txt
           writes note.txt (the signed text) and signature.der; then:
             openssl dgst -sha256 -verify archive-signing-key.pub.pem -signature signature.der note.txt
           which prints "Verified OK".
           By hand: the text is every line before the first blank line, each ending in a newline; the
           signature is the last field of the line that starts with "—", base64-decoded, minus its first 4 bytes:
             sed -n '/^$/q;p' checkpoints/checkpoint-000000000012.txt > note.txt
             grep '^—' checkpoints/checkpoint-000000000012.txt | awk '{print $3}' | base64 -d | tail -c +5 > signature.der

        3. Check a timestamp token (optional)
             openssl ts -reply -in checkpoints/checkpoint-N.tsr -token_in -text
             openssl ts -verify -data checkpoints/checkpoint-N.txt -in checkpoints/checkpoint-N.tsr -token_in -CAfile TSA-CA.pem

        4. Hold the archive to a checkpoint you were given earlier
           If you kept a copy of an earlier checkpoint (printed, mailed or published), its size and root must
           appear among those verify_ledger.py prints. If they do not, the ledger you hold is not the one
           that was checkpointed.

        """;

    public const string PythonVerifier = """
        #!/usr/bin/env python3
        # Recomputes an Athar custody ledger's RFC 6962 Merkle roots from entries.jsonl and compares them with
        # every signed checkpoint. Standard library only. Usage:
        #   python3 verify_ledger.py EXPORT_DIR
        #   python3 verify_ledger.py --extract CHECKPOINT_FILE   (writes note.txt and signature.der for openssl)
        import base64, hashlib, os, sys

        def leaf_hash(line):
            return hashlib.sha256(b"\x00" + line).digest()

        def node_hash(left, right):
            return hashlib.sha256(b"\x01" + left + right).digest()

        def root_of(stack):
            if not stack:
                return hashlib.sha256(b"").digest()
            root = stack[-1][1]
            for _, h in reversed(stack[:-1]):
                root = node_hash(h, root)
            return root

        def read_checkpoint(path):
            text = open(path, "rb").read().decode("utf-8")
            note, _, _ = text.partition("\n\n")
            lines = note.split("\n")
            return lines[0], int(lines[1]), base64.b64decode(lines[2])

        def extract(path):
            text = open(path, "rb").read().decode("utf-8")
            note, _, signatures = text.partition("\n\n")
            with open("note.txt", "wb") as f:
                f.write((note + "\n").encode("utf-8"))
            for line in signatures.splitlines():
                if line.startswith("\u2014 "):
                    blob = base64.b64decode(line.split(" ")[2])
                    with open("signature.der", "wb") as f:
                        f.write(blob[4:])
                    print("wrote note.txt and signature.der (key ID %s)" % blob[:4].hex())
                    return 0
            print("no signature line found", file=sys.stderr)
            return 1

        def main(folder):
            folder_cp = os.path.join(folder, "checkpoints")
            wanted = {}
            for name in sorted(os.listdir(folder_cp)):
                if name.endswith(".txt"):
                    origin, size, root = read_checkpoint(os.path.join(folder_cp, name))
                    wanted.setdefault(size, []).append((name, origin, root))
            roots = {}
            stack = []
            count = 0
            if 0 in wanted:
                roots[0] = root_of(stack)
            with open(os.path.join(folder, "entries.jsonl"), "rb") as f:
                for raw in f:
                    if not raw.endswith(b"\n"):
                        print("entries.jsonl ends with an incomplete entry")
                        break
                    h, height = leaf_hash(raw[:-1]), 0
                    while stack and stack[-1][0] == height:
                        h = node_hash(stack.pop()[1], h)
                        height += 1
                    stack.append((height, h))
                    count += 1
                    if count in wanted:
                        roots[count] = root_of(stack)
            print("entries: %d" % count)
            bad = 0
            for size in sorted(wanted):
                for name, origin, root in wanted[size]:
                    if size > count:
                        print("%s: size %d exceeds the %d entries present: ENTRIES MISSING" % (name, size, count)); bad += 1
                    elif roots.get(size) == root:
                        print("%s: size %d, root matches (%s)" % (name, size, base64.b64encode(root).decode()))
                    else:
                        print("%s: size %d, ROOT MISMATCH" % (name, size)); bad += 1
            return 1 if bad else 0

        if __name__ == "__main__":
            if len(sys.argv) == 3 and sys.argv[1] == "--extract":
                sys.exit(extract(sys.argv[2]))
            sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))

        """;
}
