using ParkingBot.Data;
using ParkingBot.Framework.Storage;

namespace ParkingBot.Framework.Builder;

/// <summary>
/// The writes of one turn, made at its end in one all-or-nothing write: conversation state, user state, the record of
/// the turn's replies and the rows other stores staged (transcript lines) land together or not at all. While a turn runs
/// under the <see cref="TurnRunner"/>, <see cref="BotState.SaveChangesAsync"/> stages its write here and stores stage
/// their rows with <see cref="Add"/>.
/// </summary>
public sealed class TurnCommit
{
    public const string TurnStateKey = nameof(TurnCommit);
    private readonly Dictionary<string, Func<StoreItem?>> _writes = new(StringComparer.Ordinal);
    private readonly List<(SqlDatabase Database, SqlStatement Statement)> _rows = [];
    private readonly List<Action> _committed = [];

    public bool IsEmpty => _writes.Count == 0 && _rows.Count == 0;

    public void Stage(string key, StoreItem item) => _writes[key] = () => item;

    /// <summary>A write made when the commit is written (null: nothing to write); a later stage of the same key replaces it.</summary>
    public void Stage(string key, Func<StoreItem?> write) => _writes[key] = write;

    public void Unstage(string key) => _writes.Remove(key);

    /// <summary>Rows of another store, written in the state's transaction when both share a database.</summary>
    public void Add(SqlDatabase database, IEnumerable<SqlStatement> statements) => _rows.AddRange(statements.Select(s => (database, s)));

    /// <summary>Runs once the commit is written (a count of what the turn did, which a turn run again must not add twice).</summary>
    public void OnCommitted(Action action) => _committed.Add(action);

    /// <exception cref="StorageConflictException">Someone else changed one of the items since the turn read it; nothing was written.</exception>
    public async Task WriteAsync(IStorage storage, CancellationToken cancellationToken)
    {
        var writes = new Dictionary<string, StoreItem>(StringComparer.Ordinal);
        foreach (var (key, write) in _writes)
        {
            if (write() is { } item)
            {
                writes[key] = item;
            }
        }
        var shared = storage as ISqlStateStorage;
        var alongside = _rows.Where(r => shared?.Shares(r.Database) == true).Select(r => r.Statement).ToList();
        if (shared is not null && (writes.Count > 0 || alongside.Count > 0))
        {
            await shared.WriteAsync(writes, alongside, cancellationToken);
        }
        else if (writes.Count > 0)
        {
            await storage.WriteAsync(writes, cancellationToken);
        }
        // Rows of a database the state is not in (state in memory, say) commit after the state, in one transaction of their own.
        foreach (var apart in _rows.Where(r => shared?.Shares(r.Database) != true).GroupBy(r => r.Database))
        {
            await apart.Key.WriteAsync(apart.Select(r => r.Statement), cancellationToken);
        }
        _committed.ForEach(action => action());
    }

    public static TurnCommit? Of(ITurnContext turnContext) => turnContext.TurnState.Get<TurnCommit>(TurnStateKey);
}
