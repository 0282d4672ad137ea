using System.CommandLine;
using System.Text;
using Athar.Cli.Hosting;
using Athar.Web.Accounts;

namespace Athar.Cli.Commands;

/// <summary>
/// `athar user add NAME --role ROLE` and `athar user list`: accounts of the web app (docs/roles.md). There is
/// no default account and no default password. Creating an account is a custody event, without any password
/// or second-factor material in it.
/// </summary>
internal static class UserCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("user", "accounts of the web app");
        command.Add(CreateAdd(context));
        command.Add(CreateList(context));
        return command;
    }

    private static Command CreateAdd(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "account name: 2-32 of a-z, 0-9, '.', '_', '-'" };
        var role = new Option<string>("--role") { Description = "one of " + string.Join(", ", Roles.All), Required = true };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "read the password from the first line of stdin instead of prompting" };
        var totp = new Option<bool>("--totp") { Description = "require a TOTP code (authenticator app) at sign-in; prints the secret once" };
        var command = new Command("add", "create an account (prompts for its password)") { name, role, passwordStdin, totp };
        command.SetAction(parse =>
        {
            var accountName = parse.GetValue(name)!;
            var accountRole = parse.GetValue(role)!;
            if (!AccountStore.IsValidName(accountName)) throw new CliException($"'{accountName}' is not a valid account name (2-32 of a-z, 0-9, '.', '_', '-')", ExitCodes.Usage);
            if (!Roles.IsKnown(accountRole)) throw new CliException($"--role: '{accountRole}' is not a role; choose one of {string.Join(", ", Roles.All)}", ExitCodes.Usage);
            using var archive = ArchiveAccess.Open(context, parse, writable: true);
            var accounts = new AccountStore(Path.Combine(archive.Layout.Root, "accounts.db"));
            if (accounts.Find(accountName) is not null) throw new CliException($"an account named '{accountName}' already exists", ExitCodes.Failure);
            var password = parse.GetValue(passwordStdin) ? Console.In.ReadLine() ?? "" : Prompt(context);
            var secret = parse.GetValue(totp) ? Totp.NewSecret() : null;
            try
            {
                AccountCreation.Create(archive, accounts, accountName, accountRole, password, secret);
            }
            catch (ArgumentException e)
            {
                throw new CliException(e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal), ExitCodes.Usage);
            }
            if (context.WantsJson(parse))
            {
                context.WriteJson(new { account = accountName, role = accountRole, totpSecret = secret is null ? null : Base32.Encode(secret),
                    totpUri = secret is null ? null : Totp.KeyUri("Athar", accountName, secret) });
                return ExitCodes.Ok;
            }
            context.Out.WriteLine($"created account {accountName} ({accountRole})");
            if (secret is not null)
            {
                context.Out.WriteLine($"TOTP secret (shown once; add it to an authenticator app): {Base32.Encode(secret)}");
                context.Out.WriteLine(Totp.KeyUri("Athar", accountName, secret));
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateList(CliContext context)
    {
        var command = new Command("list", "list accounts: name, role, second factor, locked");
        command.SetAction(parse =>
        {
            using var archive = ArchiveAccess.Open(context, parse, writable: false);
            var path = Path.Combine(archive.Layout.Root, "accounts.db");
            var accounts = File.Exists(path) ? new AccountStore(path).All() : [];
            var rows = accounts.Select(a => new { name = a.Name, role = a.Role, totp = a.TotpSecret is not null, lockedUntil = a.LockedUntil }).ToList();
            if (context.WantsJson(parse))
            {
                context.WriteJson(new { accounts = rows });
                return ExitCodes.Ok;
            }
            foreach (var row in rows)
                context.Out.WriteLine($"{row.name,-24} {row.role,-15} {(row.totp ? "totp" : "-"),-5} {(row.lockedUntil is { } until && until > DateTimeOffset.UtcNow ? "locked until " + until.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : "")}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Prompt(CliContext context)
    {
        if (Console.IsInputRedirected) throw new CliException("no terminal to prompt for the password; use --password-stdin", ExitCodes.Usage);
        var first = ReadHidden(context, "password: ");
        var second = ReadHidden(context, "again: ");
        if (first != second) throw new CliException("the two passwords differ; nothing was created", ExitCodes.Usage);
        return first;
    }

    private static string ReadHidden(CliContext context, string label)
    {
        context.Error.Write(label);
        context.Error.Flush();
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (text.Length > 0) text.Length--; continue; }
            if (!char.IsControl(key.KeyChar)) text.Append(key.KeyChar);
        }
        context.Error.WriteLine();
        return text.ToString();
    }
}
