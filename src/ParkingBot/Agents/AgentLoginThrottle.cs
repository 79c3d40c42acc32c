using ParkingBot.Framework.Cluster;

namespace ParkingBot.Agents;

/// <summary>Agent:Login limits (configuration section Agents:Login).</summary>
public sealed class AgentLoginOptions
{
    /// <summary>The window failed sign-ins are counted in; a locked account or address is free again when it ends.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failed sign-ins of one agent id in a window before it is locked (the right password is refused too).</summary>
    public int MaxFailuresPerAccount { get; set; } = 5;

    /// <summary>Failed sign-ins from one client address in a window before it is locked, whatever the agent id.</summary>
    public int MaxFailuresPerAddress { get; set; } = 20;
}

/// <summary>
/// Throttles agent sign-in, on all instances together (<see cref="IRateCounter"/>): each failure is answered a little
/// later than the one before (up to 2 s), and an agent id or a client address with too many failures in the window is
/// locked until the window ends, so guessing costs hours and a PBKDF2 hash per guess cannot exhaust the CPU.
/// </summary>
public sealed class AgentLoginThrottle(IRateCounter counter, TimeProvider time, Microsoft.Extensions.Options.IOptions<AgentLoginOptions> options)
{
    private readonly AgentLoginOptions _options = options.Value;

    /// <summary>Null when the sign-in may be tried, else how long until it may.</summary>
    public async Task<TimeSpan?> LockedAsync(string? agentId, string address, CancellationToken cancellationToken)
    {
        var (window, retryAfter) = Window();
        var accountFailures = agentId is null ? 0 : await counter.CountAsync(AccountKey(agentId), window, cancellationToken);
        var addressFailures = await counter.CountAsync(AddressKey(address), window, cancellationToken);
        return accountFailures >= _options.MaxFailuresPerAccount || addressFailures >= _options.MaxFailuresPerAddress ? retryAfter : null;
    }

    /// <summary>Counts a failed sign-in; how long to hold the answer (growing with the failures).</summary>
    public async Task<TimeSpan> FailedAsync(string? agentId, string address, CancellationToken cancellationToken)
    {
        var (window, _) = Window();
        var failures = await counter.IncrementAsync(AddressKey(address), window, cancellationToken);
        if (agentId is not null)
        {
            failures = Math.Max(failures, await counter.IncrementAsync(AccountKey(agentId), window, cancellationToken));
        }
        return Delay(failures);
    }

    /// <summary>100 ms after the first failure, doubling, at most 2 s.</summary>
    public static TimeSpan Delay(long failures) => TimeSpan.FromMilliseconds(Math.Min(2000, 100 * Math.Pow(2, Math.Min(failures - 1, 10))));

    private (long Window, TimeSpan RetryAfter) Window()
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var length = (long)_options.Window.TotalSeconds;
        return (now / length, TimeSpan.FromSeconds(length - now % length));
    }

    private static string AccountKey(string agentId) => $"agent-login/account/{agentId}";

    private static string AddressKey(string address) => $"agent-login/address/{address}";
}
