using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Builder;

public delegate Task<ResourceResponse[]> SendActivitiesHandler(
    ITurnContext turnContext, List<Activity> activities, Func<Task<ResourceResponse[]>> next);

/// <summary>One turn: the incoming activity, a place for per-turn state, and the way to answer.</summary>
public interface ITurnContext
{
    BotAdapter Adapter { get; }

    Activity Activity { get; }

    /// <summary>Per-turn services and caches (bot state, the dialog state), keyed by name.</summary>
    TurnContextStateCollection TurnState { get; }

    /// <summary>True once a message has been sent in this turn.</summary>
    bool Responded { get; }

    Task<ResourceResponse> SendActivityAsync(string text, string? inputHint = null, CancellationToken cancellationToken = default);

    Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default);

    Task<ResourceResponse[]> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default);

    /// <summary>Runs <paramref name="handler"/> before activities are sent; it may change, add or drop them.</summary>
    ITurnContext OnSendActivities(SendActivitiesHandler handler);
}

/// <summary>What a turn keeps for itself; as in Bot Framework, disposing it disposes the values that are disposable.</summary>
public sealed class TurnContextStateCollection : Dictionary<string, object>, IDisposable
{
    public void Dispose()
    {
        foreach (var value in Values)
        {
            (value as IDisposable)?.Dispose();
        }
    }

    public T? Get<T>(string key) where T : class => TryGetValue(key, out var value) ? value as T : null;

    public T GetOrAdd<T>(string key, Func<T> create) where T : class
    {
        if (TryGetValue(key, out var value) && value is T existing)
        {
            return existing;
        }
        var created = create();
        this[key] = created;
        return created;
    }
}
