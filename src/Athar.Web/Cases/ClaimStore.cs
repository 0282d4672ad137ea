using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Athar.Core.Custody;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Athar.Web.Cases;

public static class ClaimStatus
{
    public const string Pending = "pending";
    public const string Confirmed = "confirmed";
    public const string Rejected = "rejected";
}

/// <summary>One identification claim: a family member says a case is their relative.</summary>
public sealed record IdentificationClaim(string Id, string CaseId, string Claimant, string Relationship, string Contact, string? Note,
    string RecordedBy, string RecordedAt, string Digest, string Status, string? DecidedBy, string? DecidedAt, string? Reason);

/// <summary>
/// Identification claims in <c>archive/claims.db</c>, apart from the catalog (rebuilt from the ledger, so public to
/// every role that reads it) and from the ledger (which is exported and published). A claimant's name,
/// relationship and contact are personal data of a family: only admins and the liaison who recorded a claim may
/// read it (<see cref="Visible"/>). The ledger records only that a claim was recorded or decided, with a digest:
/// SHA-256 over a random 32-byte salt and the claim's canonical JSON, the salt kept here. So the ledger can later
/// prove that the claim on file is the one recorded then, while the digest reveals nothing guessable (a phone
/// number alone has too few possibilities to hide behind an unsalted hash).
/// </summary>
public sealed class ClaimStore
{
    private readonly string _connectionString;
    private readonly Lock _gate = new();

    public ClaimStore(IOptions<AtharWebOptions> options)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = options.Value.ClaimsPath, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();
        var fresh = !File.Exists(options.Value.ClaimsPath);
        using var c = Open();
        c.Execute("""
            CREATE TABLE IF NOT EXISTS claims (
                id TEXT PRIMARY KEY, case_id TEXT NOT NULL, claimant TEXT NOT NULL, relationship TEXT NOT NULL, contact TEXT NOT NULL,
                note TEXT, recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL, salt BLOB NOT NULL, digest TEXT NOT NULL,
                status TEXT NOT NULL, decided_by TEXT, decided_at TEXT, reason TEXT, reason_salt BLOB, reason_digest TEXT);
            CREATE INDEX IF NOT EXISTS claims_by_case ON claims(case_id);
            """);
        if (fresh && !OperatingSystem.IsWindows())
            File.SetUnixFileMode(options.Value.ClaimsPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>Who may read a claim: admins, and the liaison who recorded it.</summary>
    public static bool Visible(IdentificationClaim claim, string account, bool isAdmin) => isAdmin || claim.RecordedBy == account;

    /// <summary>A new pending claim, not yet stored: the caller records its ledger event first, then calls <see cref="Save"/>.</summary>
    public static (IdentificationClaim Claim, byte[] Salt) Draft(string caseId, string claimant, string relationship, string contact, string? note,
        string account, DateTimeOffset now)
    {
        var id = "K-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var salt = RandomNumberGenerator.GetBytes(32);
        var digest = Digest(salt, new JsonObject
        {
            ["claim"] = id, ["case"] = caseId, ["claimant"] = claimant, ["relationship"] = relationship, ["contact"] = contact, ["note"] = note,
        });
        return (new IdentificationClaim(id, caseId, claimant, relationship, contact, note, account, Format(now), digest, ClaimStatus.Pending,
            null, null, null), salt);
    }

    public void Save(IdentificationClaim claim, byte[] salt)
    {
        lock (_gate)
        {
            using var c = Open();
            c.Execute("""
                INSERT INTO claims(id, case_id, claimant, relationship, contact, note, recorded_by, recorded_at, salt, digest, status)
                VALUES (@Id, @CaseId, @Claimant, @Relationship, @Contact, @Note, @RecordedBy, @RecordedAt, @salt, @Digest, @Status)
                """, new { claim.Id, claim.CaseId, claim.Claimant, claim.Relationship, claim.Contact, claim.Note, claim.RecordedBy, claim.RecordedAt, salt, claim.Digest, claim.Status });
        }
    }

    /// <summary>The salted digest of a decision's reason, for the ledger, and the salt to keep.</summary>
    public static (string Digest, byte[] Salt) ReasonDigest(string claimId, string decision, string reason)
    {
        var salt = RandomNumberGenerator.GetBytes(32);
        return (Digest(salt, new JsonObject { ["claim"] = claimId, ["decision"] = decision, ["reason"] = reason }), salt);
    }

    /// <summary>Stores a decision on a pending claim; false when the claim is not pending (decided meanwhile) or does not exist.</summary>
    public bool Decide(string id, string decision, string reason, string decidedBy, DateTimeOffset now, byte[] reasonSalt, string reasonDigest)
    {
        lock (_gate)
        {
            using var c = Open();
            return c.Execute("""
                UPDATE claims SET status = @decision, decided_by = @decidedBy, decided_at = @at, reason = @reason, reason_salt = @reasonSalt,
                    reason_digest = @reasonDigest WHERE id = @id AND status = 'pending'
                """, new { id, decision, decidedBy, at = Format(now), reason, reasonSalt, reasonDigest }) == 1;
        }
    }

    public IdentificationClaim? Find(string id)
    {
        using var c = Open();
        return c.QuerySingleOrDefault<IdentificationClaim>(Select + " WHERE id = @id", new { id });
    }

    /// <summary>Claims visible to this person, newest first, optionally for one case.</summary>
    public IReadOnlyList<IdentificationClaim> List(string account, bool isAdmin, string? caseId = null)
    {
        using var c = Open();
        return c.Query<IdentificationClaim>(Select + """
             WHERE (@isAdmin = 1 OR recorded_by = @account) AND (@caseId IS NULL OR case_id = @caseId) ORDER BY recorded_at DESC, id
            """, new { account, isAdmin = isAdmin ? 1 : 0, caseId }).AsList();
    }

    private const string Select = """
        SELECT id AS Id, case_id AS CaseId, claimant AS Claimant, relationship AS Relationship, contact AS Contact, note AS Note,
               recorded_by AS RecordedBy, recorded_at AS RecordedAt, digest AS Digest, status AS Status, decided_by AS DecidedBy,
               decided_at AS DecidedAt, reason AS Reason FROM claims
        """;

    private static string Digest(byte[] salt, JsonObject content) =>
        Convert.ToHexStringLower(SHA256.HashData([.. salt, .. CanonicalJson.Serialize(content)]));

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.Execute("PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;");
        return connection;
    }
}
