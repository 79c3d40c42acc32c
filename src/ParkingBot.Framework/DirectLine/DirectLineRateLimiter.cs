using Microsoft.Extensions.Options;
using ParkingBot.Framework.Cluster;

namespace ParkingBot.Framework.DirectLine;

/// <summary>At most DirectLine:PostsPerMinute posts per token holder (conversation and user) in any calendar minute, on all instances together.</summary>
public sealed class DirectLineRateLimiter(IOptions<DirectLineOptions> options, TimeProvider time, IRateCounter counter)
{
    /// <summary>Null when allowed, else the seconds until the next minute starts.</summary>
    public async Task<int?> TakeAsync(DirectLineGrant grant, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var count = await counter.IncrementAsync($"directline-posts/{grant.ConversationId}/{grant.UserId}", now.ToUnixTimeSeconds() / 60, cancellationToken);
        return count <= options.Value.PostsPerMinute ? null : (int)(60 - now.ToUnixTimeSeconds() % 60);
    }
}
