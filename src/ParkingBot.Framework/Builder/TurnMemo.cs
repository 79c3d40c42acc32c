using System.Collections.Concurrent;

namespace ParkingBot.Framework.Builder;

/// <summary>
/// What a turn read from outside the conversation (the backend's answers), kept across the runs of one activity:
/// a turn run again after a state conflict decides as its first run did, instead of seeing its first run's own
/// effects (a ticket it already applied, a pick it already cancelled) and taking another branch.
/// </summary>
public sealed class TurnMemo
{
    internal const string TurnStateKey = nameof(TurnMemo);
    private readonly ConcurrentDictionary<string, object?> _values = new(StringComparer.Ordinal);

    /// <summary>The value read under <paramref name="key"/> in an earlier run of this activity, else read now (and kept).</summary>
    public static async Task<T> GetOrReadAsync<T>(ITurnContext turnContext, string key, Func<Task<T>> read)
    {
        if (turnContext.TurnState.Get<TurnMemo>(TurnStateKey) is not { } memo)
        {
            return await read();
        }
        if (memo._values.TryGetValue(key, out var kept))
        {
            return (T)kept!;
        }
        var value = await read();
        memo._values[key] = value;
        return value;
    }
}
