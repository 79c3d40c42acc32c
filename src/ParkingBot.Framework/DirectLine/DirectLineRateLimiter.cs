using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ParkingBot.Framework.DirectLine;

/// <summary>At most DirectLine:PostsPerMinute posts per token holder (conversation and user) in any calendar minute.</summary>
public sealed class DirectLineRateLimiter(IOptions<DirectLineOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new();

    /// <summary>Null when allowed, else the seconds until the next minute starts.</summary>
    public int? Take(DirectLineGrant grant)
    {
        var now = time.GetUtcNow();
        var minute = now.ToUnixTimeSeconds() / 60;
        var window = _windows.AddOrUpdate($"{grant.ConversationId}/{grant.UserId}",
            _ => new Window(minute, 1),
            (_, old) => old.Minute == minute ? old with { Count = old.Count + 1 } : new Window(minute, 1));
        if (_windows.Count > 10_000)
        {
            foreach (var stale in _windows.Where(w => w.Value.Minute < minute).Select(w => w.Key).ToList())
            {
                _windows.TryRemove(stale, out _);
            }
        }
        return window.Count <= options.Value.PostsPerMinute ? null : (int)(60 - now.ToUnixTimeSeconds() % 60);
    }

    private sealed record Window(long Minute, int Count);
}
