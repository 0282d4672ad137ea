using Dapper;

namespace Athar.Web.Accounts;

/// <summary>What an admin may change on an account: its role, and whether it is locked until unlocked.</summary>
public sealed partial class AccountStore
{
    /// <summary>An admin's lock lasts until an admin lifts it; it is stored as a lockout that ends in year 9999.</summary>
    public static readonly DateTimeOffset LockedByAdmin = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Sets the role. Throws <see cref="ArgumentException"/> for an unknown role, <see cref="InvalidOperationException"/> for an unknown account.</summary>
    public void ChangeRole(string name, string role)
    {
        if (!Roles.IsKnown(role)) throw new ArgumentException($"'{role}' is not a role; choose one of {string.Join(", ", Roles.All)}", nameof(role));
        Update(name, "UPDATE accounts SET role = @role WHERE name = @name", new { name, role });
    }

    /// <summary>Locks the account until <see cref="Unlock"/>; its open sessions end at their next request.</summary>
    public void Lock(string name) => Update(name, "UPDATE accounts SET locked_until = @until WHERE name = @name", new { name, until = Format(LockedByAdmin) });

    /// <summary>Lifts any lock, an admin's or the one that follows failed sign-ins, and clears the failure count.</summary>
    public void Unlock(string name) => Update(name, "UPDATE accounts SET locked_until = NULL, failed_attempts = 0 WHERE name = @name", new { name });

    private void Update(string name, string sql, object parameters)
    {
        lock (_gate)
        {
            using var connection = Open();
            if (connection.Execute(sql, parameters) == 0) throw new InvalidOperationException($"no account named '{name}'");
        }
    }
}
