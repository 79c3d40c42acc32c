using ParkingBot.Framework.Storage;

namespace ParkingBot.Framework.Builder;

/// <summary>
/// The state writes of one turn, made at its end in one all-or-nothing storage write: conversation state,
/// user state and the record of the turn's replies land together or not at all. While a turn runs under
/// the <see cref="TurnRunner"/>, <see cref="BotState.SaveChangesAsync"/> stages its write here.
/// </summary>
public sealed class TurnCommit
{
    public const string TurnStateKey = nameof(TurnCommit);
    private readonly Dictionary<string, StoreItem> _writes = new(StringComparer.Ordinal);

    public bool IsEmpty => _writes.Count == 0;

    public void Stage(string key, StoreItem item) => _writes[key] = item;

    public void Unstage(string key) => _writes.Remove(key);

    /// <exception cref="StorageConflictException">Someone else changed one of the items since the turn read it.</exception>
    public async Task WriteAsync(IStorage storage, CancellationToken cancellationToken)
    {
        if (_writes.Count > 0)
        {
            await storage.WriteAsync(_writes, cancellationToken);
        }
    }

    public static TurnCommit? Of(ITurnContext turnContext) => turnContext.TurnState.Get<TurnCommit>(TurnStateKey);
}
