using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Athar.Core.Analysis;
using Athar.Forensics.Analysis;
using Athar.Forensics.Duplicates;
using Athar.Forensics.HashBanks;
using Athar.Forensics.HashIndex;
using Athar.Forensics.Pdq;

namespace Athar.Forensics.Analyzers;

/// <summary>
/// Looks for the archive's items in its hash banks (docs/analyzers.md, "bank-match"): an item whose PDQ hash, in any
/// of its eight rotations and mirrors, lies within distance 31 of a bank entry gets a <see cref="Code"/> finding,
/// one per bank, naming the closest entry. Severity warning: a match says the image resembles imagery published
/// before, which needs an explanation (it may be this archive's own photo, published later), not that it is fake.
/// Each bank is loaded from its binary file and indexed with <see cref="PdqHashIndex"/>, so a bank of ten million
/// hashes costs about a second to load and a few milliseconds per item.
/// </summary>
public sealed class BankMatchAnalyzer(IHashBankSource? banks) : IArchiveAnalyzer
{
    public const string Code = "bank.match";

    // Read once: the digest and the run must see the same list of banks.
    private readonly IReadOnlyList<HashBankInfo> _banks = banks?.Banks() ?? [];

    public string Name => "bank-match";
    public int Version => 1;
    public IReadOnlyCollection<string> FactCodes => [PerceptualHashAnalyzer.HashCode];

    /// <summary>SHA-256 over each bank's name and stored-file digest, by name: importing or replacing a bank makes this analyzer stale.</summary>
    public string ExtraInputDigest => Digest(_banks);

    public ArchiveAnalysisOutput Analyze(IReadOnlyList<ArchiveItemFacts> items, CancellationToken cancel)
    {
        var candidates = new List<NearDuplicateCandidate>(items.Count);
        foreach (var item in items)
            if (NearDuplicateAnalyzer.Candidate(item) is { } candidate) candidates.Add(candidate);
        var found = new List<Finding>?[candidates.Count];
        var bankSummary = new JsonArray();
        foreach (var info in _banks)
        {
            cancel.ThrowIfCancellationRequested();
            var bank = Load(info);
            var index = PdqHashIndex.Adopt(bank.Hashes); // the bank's array, not a copy
            var matchedItems = 0;
            Parallel.For(0, candidates.Count, new ParallelOptions { CancellationToken = cancel }, () => new List<PdqMatch>(), (i, _, matches) =>
            {
                if (BestMatch(index, candidates[i], matches) is not { } best) return matches;
                Interlocked.Increment(ref matchedItems);
                var finding = MatchFinding(info, bank, best.Match, best.Transform, best.Entries);
                lock (found) (found[i] ??= []).Add(finding);
                return matches;
            }, _ => { });
            bankSummary.Add(new JsonObject { ["bank"] = info.Name, ["bankSha256"] = info.BankSha256, ["hashes"] = bank.Count, ["matchedItems"] = matchedItems });
        }
        var findings = new Dictionary<string, IReadOnlyList<Finding>>(StringComparer.Ordinal);
        var matched = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (found[i] is not { } list) continue;
            // Banks are visited in name order, but items in parallel: sort so the result digest is stable.
            list.Sort((a, b) => string.CompareOrdinal(a.Data["bank"]!.GetValue<string>(), b.Data["bank"]!.GetValue<string>()));
            findings[candidates[i].ItemId] = list;
            matched++;
        }
        var summary = new JsonObject { ["items"] = items.Count, ["hashed"] = candidates.Count, ["matchedItems"] = matched, ["banks"] = bankSummary };
        return new ArchiveAnalysisOutput(findings, summary);
    }

    /// <summary>
    /// The closest bank entry to any variant of the item (ties: the smaller entry position), and how many entries
    /// lie within the radius. A low-quality hash (below 50) matches only within <see cref="NearDuplicateClustering.LowQualityRadius"/>.
    /// </summary>
    private static (PdqMatch Match, PdqTransform Transform, int Entries)? BestMatch(PdqHashIndex index, NearDuplicateCandidate item, List<PdqMatch> matches)
    {
        var radius = item.Quality < NearDuplicateClustering.MinimumQuality ? NearDuplicateClustering.LowQualityRadius : NearDuplicateClustering.Radius;
        PdqMatch? best = null;
        var transform = PdqTransform.Original;
        var entries = new HashSet<long>();
        for (var t = 0; t < item.Dihedral.Length; t++)
        {
            matches.Clear();
            index.Query(item.Dihedral[t], radius, matches);
            foreach (var match in matches)
            {
                entries.Add(match.Id);
                if (best is not { } b || match.Distance < b.Distance || (match.Distance == b.Distance && match.Id < b.Id))
                {
                    best = match;
                    transform = (PdqTransform)t;
                }
            }
        }
        return best is { } found ? (found, transform, entries.Count) : null;
    }

    private static Finding MatchFinding(HashBankInfo info, HashBank bank, PdqMatch match, PdqTransform transform, int entries)
    {
        var label = bank.Label((int)match.Id);
        var what = label is null ? info.Name : $"{info.Name}/{label}";
        var turned = transform == PdqTransform.Original ? "" : $", the image {NearDuplicateAnalyzer.TransformName(transform)}";
        var explanation = $"This image matches previously published imagery: {what} (PDQ distance {match.Distance} of 256{turned}; " +
                          $"{entries} bank entr{(entries == 1 ? "y" : "ies")} within {NearDuplicateClustering.Radius}). Find out whether the published image came from this archive or before it.";
        return new Finding(Code, Severity.Warning, explanation, new JsonObject
        {
            ["bank"] = info.Name,
            ["label"] = label,
            ["bankHash"] = match.Hash.ToString(),
            ["entry"] = match.Id,
            ["distance"] = match.Distance,
            ["transform"] = NearDuplicateAnalyzer.TransformName(transform),
            ["entries"] = entries,
        });
    }

    /// <summary>Loads a bank and checks that the file is the one its import recorded.</summary>
    private HashBank Load(HashBankInfo info)
    {
        using var stream = banks!.OpenBank(info.Name);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var hashing = new HashingStream(stream, sha);
        var bank = HashBankFile.Read(hashing, info.Name);
        hashing.Drain();
        var digest = Convert.ToHexStringLower(sha.GetHashAndReset());
        if (digest != info.BankSha256)
            throw new InvalidDataException($"bank {info.Name}: banks/{info.Name}.pdqbank has SHA-256 {digest}, but its import recorded {info.BankSha256}; import the bank again");
        return bank;
    }

    private static string Digest(IReadOnlyList<HashBankInfo> banks)
    {
        if (banks.Count == 0) return "";
        var text = new StringBuilder();
        foreach (var bank in banks.OrderBy(b => b.Name, StringComparer.Ordinal)) text.Append(bank.Name).Append(' ').Append(bank.BankSha256).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>A read-only pass-through that hashes what is read, so a bank is digested while it loads (one read, not two).</summary>
    private sealed class HashingStream(Stream inner, IncrementalHash hash) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            hash.AppendData(buffer[..n]);
            return n;
        }

        /// <summary>Reads (and hashes) whatever is left, so trailing bytes change the digest.</summary>
        public void Drain()
        {
            var rest = new byte[1 << 16];
            while (Read(rest) > 0) { }
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
