using System.Text.Json.Nodes;
using Athar.Core.Custody;
using Athar.Storage;
using Athar.Web.Accounts;

namespace Athar.Cli.Hosting;

/// <summary>An account and its custody event come together or not at all (used by `user add` and `demo`).</summary>
internal static class AccountCreation
{
    public static void Create(AtharArchive archive, AccountStore accounts, string name, string role, string password, byte[]? totpSecret)
    {
        accounts.Create(name, role, password, totpSecret);
        try
        {
            archive.Record([new CustodyEvent(CustodyEventTypes.AccountCreated, Actors.CurrentUser(), new JsonObject { ["account"] = name },
                new JsonObject { ["role"] = role, ["secondFactor"] = totpSecret is null ? "none" : "totp" })]);
        }
        catch
        {
            accounts.Delete(name); // no account without its custody event
            throw;
        }
    }
}
