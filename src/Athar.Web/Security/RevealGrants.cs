using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Athar.Web.Security;

/// <summary>
/// One-time permissions to fetch one unblurred image. A reveal (an audited POST) grants one; the image request
/// that follows redeems it. A grant is for one person and one item, is used once, and lapses after two minutes.
/// </summary>
public sealed class RevealGrants(TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);
    private readonly ConcurrentDictionary<string, (string Account, string Item, DateTimeOffset Expires)> _grants = new(StringComparer.Ordinal);

    public string Grant(string account, string item)
    {
        var now = time.GetUtcNow();
        foreach (var (key, grant) in _grants)
            if (grant.Expires < now) _grants.TryRemove(key, out _);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _grants[token] = (account, item, now + Lifetime);
        return token;
    }

    public bool Redeem(string token, string account, string item) =>
        _grants.TryRemove(token, out var grant) && grant.Account == account && grant.Item == item && grant.Expires >= time.GetUtcNow();
}
