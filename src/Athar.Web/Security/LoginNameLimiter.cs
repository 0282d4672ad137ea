using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Athar.Web.Security;

/// <summary>Sign-in attempts per account name (the address limit is the rate-limiter policy), whatever the address.</summary>
public sealed class LoginNameLimiter(IOptions<AtharWebOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(name =>
        RateLimitPartition.GetFixedWindowLimiter(name, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.LoginAttemptsPerNamePerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public bool TryAcquire(string name)
    {
        using var lease = _limiter.AttemptAcquire(name.ToLowerInvariant());
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
