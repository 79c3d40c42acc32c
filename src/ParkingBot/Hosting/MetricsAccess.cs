using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace ParkingBot.Hosting;

public enum MetricsAccess
{
    Allowed,

    /// <summary>A caller from elsewhere, and no Metrics:Key to let it in with.</summary>
    NoKeyConfigured,
    WrongKey,
}

/// <summary>Who may read /metrics: callers on this machine, and others with the bearer key (compared in constant time).</summary>
public static class MetricsAccessRule
{
    public static MetricsAccess Decide(IPAddress? remote, string? authorization, string? key)
    {
        if (remote is not null && IPAddress.IsLoopback(remote))
        {
            return MetricsAccess.Allowed;
        }
        if (string.IsNullOrEmpty(key))
        {
            return MetricsAccess.NoKeyConfigured;
        }
        const string bearer = "Bearer ";
        return authorization is not null && authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(authorization[bearer.Length..].Trim()), Encoding.UTF8.GetBytes(key))
            ? MetricsAccess.Allowed
            : MetricsAccess.WrongKey;
    }
}
