using Athar.Cli.Hosting;
using Athar.Core.Custody;
using Athar.Storage;
using Athar.TestSupport;
using Athar.Web.Accounts;

namespace Athar.Web.Tests.Cli;

/// <summary>`athar user add` and `user list`: no default account, a custody event per account, no password in it.</summary>
[Collection(ConsoleInput.Name)]
public sealed class UserCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new("user-cli");
    private readonly string _root;

    public UserCommandTests()
    {
        _root = _temp.Combine("archive");
        AtharArchive.Init(_root, actor: "tester").Dispose();
    }

    public void Dispose() => _temp.Dispose();

    private async Task<(int Code, string Out, string Err)> Run(string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var previous = Console.In;
        Console.SetIn(new StringReader(stdin));
        try
        {
            var code = await CliApp.RunAsync(["--archive", _root, .. args], output, error);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetIn(previous);
        }
    }

    [Fact]
    public async Task A_new_archive_has_no_accounts_and_add_records_a_custody_event_without_the_password()
    {
        var (code, output, _) = await Run("", "user", "list", "--json");
        Assert.Equal(0, code);
        Assert.Contains("\"accounts\": []", output, StringComparison.Ordinal);

        (code, _, var error) = await Run("a secret password of some length\n", "user", "add", "rima", "--role", "investigator", "--password-stdin");
        Assert.True(code == 0, error);
        var account = new AccountStore(Path.Combine(_root, "accounts.db")).Find("rima")!;
        Assert.Equal(Roles.Investigator, account.Role);

        using var archive = AtharArchive.Open(_root, writable: false);
        var created = archive.Ledger.ReadAll().Select(e => e.Entry).Single(e => e.Type == CustodyEventTypes.AccountCreated);
        Assert.Equal("rima", created.Subject["account"]!.GetValue<string>());
        Assert.Equal("investigator", created.Details["role"]!.GetValue<string>());
        var json = created.ToJson().ToJsonString();
        Assert.DoesNotContain("secret password", json, StringComparison.Ordinal);
        Assert.DoesNotContain(account.PasswordHash, json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_is_a_usage_error_and_a_taken_name_a_failure()
    {
        Assert.Equal(ExitCodes.Usage, (await Run("a secret password of some length\n", "user", "add", "x", "--role", "admin", "--password-stdin")).Code);
        Assert.Equal(ExitCodes.Usage, (await Run("a secret password of some length\n", "user", "add", "sami", "--role", "root", "--password-stdin")).Code);
        var (code, _, error) = await Run("short\n", "user", "add", "sami", "--role", "admin", "--password-stdin");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("at least 12 characters", error, StringComparison.Ordinal);
        Assert.Equal(0, (await Run("a secret password of some length\n", "user", "add", "sami", "--role", "admin", "--password-stdin")).Code);
        Assert.Equal(ExitCodes.Failure, (await Run("another password of some length\n", "user", "add", "sami", "--role", "admin", "--password-stdin")).Code);
        using var archive = AtharArchive.Open(_root, writable: false);
        Assert.Single(archive.Ledger.ReadAll(), e => e.Entry.Type == CustodyEventTypes.AccountCreated);
    }
}

/// <summary>Tests that replace Console.In run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleInput
{
    public const string Name = "console input";
}
