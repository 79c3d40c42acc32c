using ParkingBot.Framework.Retention;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.DirectLine;

/// <summary>The Direct Line's part of the retention period: the activity logs and the uploaded files of idle conversations.</summary>
public sealed class DirectLineRetention(IDirectLineStore store, DirectLineFileStore files) : IExpiringStore
{
    public string Name => "Direct Line logs and uploads";

    public async Task<int> RemoveIdleAsync(DateTimeOffset cutoff, IReadOnlySet<string> keep, CancellationToken cancellationToken = default)
    {
        var prefix = Channels.DirectLine + "/";
        var kept = keep.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..]).ToHashSet(StringComparer.Ordinal);
        var logs = await store.RemoveIdleAsync(cutoff, kept, cancellationToken);
        return logs.Count + await files.RemoveIdleAsync(cutoff, kept, cancellationToken);
    }
}
