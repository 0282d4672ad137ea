using Athar.TestSupport;
using Athar.Web.Accounts;

namespace Athar.Web.Tests.Accounts;

public sealed class AccountStoreTests : IDisposable
{
    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private readonly TempDirectory _temp = new("accounts");
    private readonly ManualTime _time = new();
    private readonly AccountStore _store;

    public AccountStoreTests() => _store = new AccountStore(_temp.Combine("accounts.db"), _time, iterations: 1000);

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Five_failures_lock_the_account_for_fifteen_minutes()
    {
        _store.Create("ana", Roles.Analyst, "a long enough password");
        for (var i = 0; i < 4; i++) Assert.Equal(LoginOutcome.Failed, _store.Login("ana", "wrong", null));
        Assert.Equal(LoginOutcome.LockedOut, _store.Login("ana", "wrong", null));
        Assert.Equal(LoginOutcome.LockedOut, _store.Login("ana", "a long enough password", null));
        _time.Now += TimeSpan.FromMinutes(14);
        Assert.Equal(LoginOutcome.LockedOut, _store.Login("ana", "a long enough password", null));
        _time.Now += TimeSpan.FromMinutes(1.5);
        Assert.Equal(LoginOutcome.Succeeded, _store.Login("ana", "a long enough password", null));
    }

    [Fact]
    public void A_success_resets_the_failure_count()
    {
        _store.Create("bob", Roles.Archivist, "a long enough password");
        for (var i = 0; i < 4; i++) _store.Login("bob", "wrong", null);
        Assert.Equal(LoginOutcome.Succeeded, _store.Login("bob", "a long enough password", null));
        for (var i = 0; i < 4; i++) Assert.Equal(LoginOutcome.Failed, _store.Login("bob", "wrong", null));
    }

    [Fact]
    public void Totp_is_required_when_set_and_a_code_is_used_once()
    {
        var secret = Totp.NewSecret();
        _store.Create("cat", Roles.Investigator, "a long enough password", secret);
        Assert.Equal(LoginOutcome.Failed, _store.Login("cat", "a long enough password", null));
        var code = Totp.Compute(secret, _time.Now.ToUnixTimeSeconds());
        Assert.Equal(LoginOutcome.Succeeded, _store.Login("cat", "a long enough password", code));
        Assert.Equal(LoginOutcome.Failed, _store.Login("cat", "a long enough password", code));
    }

    [Fact]
    public void Passwords_are_stored_only_as_pbkdf2_hashes()
    {
        _store.Create("dan", Roles.Admin, "a long enough password");
        var account = _store.Find("dan")!;
        Assert.DoesNotContain("a long enough password", account.PasswordHash, StringComparison.Ordinal);
        Assert.DoesNotContain("a long enough password", File.ReadAllText(_temp.Combine("accounts.db")), StringComparison.Ordinal);
        // Identity's v3 format: 0x01, PRF, iteration count (big-endian), salt length, salt, subkey.
        var bytes = Convert.FromBase64String(account.PasswordHash);
        Assert.Equal(1, bytes[0]);
        Assert.Equal(1000, (bytes[5] << 24) | (bytes[6] << 16) | (bytes[7] << 8) | bytes[8]);
        Assert.Equal(600_000, AccountStore.Iterations);
    }

    [Theory]
    [InlineData("Bad Name", Roles.Admin, "a long enough password")]
    [InlineData("eve", "superuser", "a long enough password")]
    [InlineData("eve", Roles.Admin, "short")]
    public void Bad_names_roles_and_short_passwords_are_refused(string name, string role, string password) =>
        Assert.Throws<ArgumentException>(() => _store.Create(name, role, password));

    [Fact]
    public void A_name_is_taken_once() 
    {
        _store.Create("fay", Roles.Analyst, "a long enough password");
        Assert.Throws<InvalidOperationException>(() => _store.Create("fay", Roles.Admin, "another long password"));
    }

    [Fact]
    public void Family_liaison_cannot_switch_safer_viewing_off()
    {
        var off = new ViewingSettings(0, false, "large");
        Assert.Equal(new ViewingSettings(ViewingSettings.DefaultSigma, true, "large"), off.EffectiveFor(Roles.FamilyLiaison));
        Assert.Equal(off, off.EffectiveFor(Roles.Analyst));
        Assert.Equal(16, (off with { BlurSigma = 16 }).EffectiveFor(Roles.FamilyLiaison).BlurSigma);
    }
}
