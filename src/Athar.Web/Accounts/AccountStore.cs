using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Athar.Web.Accounts;

/// <summary>
/// Accounts in <c>archive/accounts.db</c>, apart from the catalog (which is rebuilt from the ledger and so must
/// hold nothing else). Passwords are hashed with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>
/// (PBKDF2-HMAC-SHA512) at 600,000 iterations (OWASP 2023 guidance for PBKDF2). Five failed attempts lock an
/// account for 15 minutes.
/// </summary>
public sealed partial class AccountStore
{
    public const int Iterations = 600_000;
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);
    public const int MinimumPasswordLength = 12;

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly PasswordHasher<Account> _hasher;
    private readonly Lock _gate = new();
    private readonly Lazy<string> _dummyHash;

    /// <param name="iterations">PBKDF2 iterations for new hashes; only tests lower it. Verification reads the count from each hash.</param>
    public AccountStore(string path, TimeProvider? time = null, int iterations = Iterations)
    {
        Path = path;
        _time = time ?? TimeProvider.System;
        _hasher = new PasswordHasher<Account>(Options.Create(new PasswordHasherOptions { IterationCount = iterations }));
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();
        _dummyHash = new(() => _hasher.HashPassword(null!, "not a password of anyone"));
        using var connection = Open();
        connection.Execute("""
            CREATE TABLE IF NOT EXISTS accounts (
                name TEXT PRIMARY KEY,
                role TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                totp_secret BLOB,
                totp_last_step INTEGER NOT NULL DEFAULT -1,
                failed_attempts INTEGER NOT NULL DEFAULT 0,
                locked_until TEXT,
                blur_sigma INTEGER NOT NULL DEFAULT 8,
                greyscale INTEGER NOT NULL DEFAULT 1,
                thumb_size TEXT NOT NULL DEFAULT 'medium',
                created TEXT NOT NULL);
            """);
    }

    public string Path { get; }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,31}$")]
    private static partial Regex NamePattern();

    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    /// <summary>Creates an account. Throws <see cref="ArgumentException"/> for a bad name, role or password, <see cref="InvalidOperationException"/> if the name is taken.</summary>
    public Account Create(string name, string role, string password, byte[]? totpSecret = null)
    {
        if (!IsValidName(name)) throw new ArgumentException($"'{name}' is not a valid account name (2-32 of a-z, 0-9, '.', '_', '-', starting with a letter or digit)", nameof(name));
        if (!Roles.IsKnown(role)) throw new ArgumentException($"'{role}' is not a role; choose one of {string.Join(", ", Roles.All)}", nameof(role));
        if (password.Length < MinimumPasswordLength) throw new ArgumentException($"the password must have at least {MinimumPasswordLength} characters", nameof(password));
        var now = _time.GetUtcNow();
        var account = new Account(name, role, "", totpSecret, -1, 0, null, ViewingSettings.Default, now);
        account = account with { PasswordHash = _hasher.HashPassword(account, password) };
        lock (_gate)
        {
            using var connection = Open();
            if (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM accounts WHERE name = @name", new { name }) > 0)
                throw new InvalidOperationException($"an account named '{name}' already exists");
            connection.Execute("""
                INSERT INTO accounts(name, role, password_hash, totp_secret, created)
                VALUES (@name, @role, @hash, @totp, @created)
                """, new { name, role, hash = account.PasswordHash, totp = totpSecret, created = Format(now) });
        }
        return account;
    }

    /// <summary>Removes an account (used to undo a creation whose custody event could not be recorded).</summary>
    public void Delete(string name)
    {
        lock (_gate)
        {
            using var connection = Open();
            connection.Execute("DELETE FROM accounts WHERE name = @name", new { name });
        }
    }

    public Account? Find(string name)
    {
        using var connection = Open();
        var row = connection.QuerySingleOrDefault<AccountRow>("SELECT * FROM accounts WHERE name = @name", new { name });
        return row?.ToAccount();
    }

    public IReadOnlyList<Account> All()
    {
        using var connection = Open();
        return [.. connection.Query<AccountRow>("SELECT * FROM accounts ORDER BY name").Select(r => r.ToAccount())];
    }

    /// <summary>
    /// Checks a password (and TOTP code when the account has a second factor), counting failures: the fifth
    /// consecutive failure locks the account for 15 minutes, during which even the right password is refused.
    /// </summary>
    public LoginOutcome Login(string name, string password, string? code)
    {
        var account = Find(name);
        if (account is null)
        {
            // Spend the same time as for a real account, so that timing does not reveal which names exist.
            _hasher.VerifyHashedPassword(null!, _dummyHash.Value, password);
            return LoginOutcome.Failed;
        }
        var now = _time.GetUtcNow();
        if (account.LockedUntil is { } until && until > now) return LoginOutcome.LockedOut;
        var ok = _hasher.VerifyHashedPassword(account, account.PasswordHash, password) != PasswordVerificationResult.Failed;
        long step = -1;
        if (ok && account.TotpSecret is { } secret)
            ok = Totp.Verify(secret, code, now.ToUnixTimeSeconds(), account.TotpLastStep, out step);
        lock (_gate)
        {
            using var connection = Open();
            if (ok)
            {
                connection.Execute("UPDATE accounts SET failed_attempts = 0, locked_until = NULL, totp_last_step = MAX(totp_last_step, @step) WHERE name = @name",
                    new { name, step });
                return LoginOutcome.Succeeded;
            }
            var failures = connection.ExecuteScalar<long>("UPDATE accounts SET failed_attempts = failed_attempts + 1 WHERE name = @name RETURNING failed_attempts", new { name });
            if (failures < MaxFailedAttempts) return LoginOutcome.Failed;
            connection.Execute("UPDATE accounts SET failed_attempts = 0, locked_until = @until WHERE name = @name",
                new { name, until = Format(now + LockoutDuration) });
            return LoginOutcome.LockedOut;
        }
    }

    public void SaveSettings(string name, ViewingSettings settings)
    {
        settings = settings.Normalised();
        lock (_gate)
        {
            using var connection = Open();
            connection.Execute("UPDATE accounts SET blur_sigma = @BlurSigma, greyscale = @Greyscale, thumb_size = @ThumbSize WHERE name = @name",
                new { name, settings.BlurSigma, settings.Greyscale, settings.ThumbSize });
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.Execute("PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;");
        return connection;
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private sealed class AccountRow
    {
        public string name { get; set; } = "";
        public string role { get; set; } = "";
        public string password_hash { get; set; } = "";
        public byte[]? totp_secret { get; set; }
        public long totp_last_step { get; set; }
        public long failed_attempts { get; set; }
        public string? locked_until { get; set; }
        public long blur_sigma { get; set; }
        public long greyscale { get; set; }
        public string thumb_size { get; set; } = "";
        public string created { get; set; } = "";

        public Account ToAccount() => new(name, role, password_hash, totp_secret, totp_last_step, (int)failed_attempts,
            locked_until is null ? null : DateTimeOffset.Parse(locked_until, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            new ViewingSettings((int)blur_sigma, greyscale != 0, thumb_size).Normalised(),
            DateTimeOffset.Parse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
    }
}
