using System.Buffers;
using System.Text;
using System.Text.Json;
using ParkingBot.Framework.Schema;
using ParkingBot.Framework.Storage;

namespace ParkingBot.Framework.Builder;

/// <summary>
/// State kept in <see cref="IStorage"/> under a key derived from the turn (the conversation, the user).
/// Loaded once per turn, read and written through property accessors, saved with the eTag it was
/// read with: a concurrent change elsewhere makes the save throw <see cref="StorageConflictException"/>.
/// </summary>
public abstract class BotState(IStorage storage, string stateName)
{
    private readonly string _cacheKey = $"BotState:{stateName}";

    protected IStorage Storage { get; } = storage;

    protected abstract string GetStorageKey(ITurnContext turnContext);

    public IStatePropertyAccessor<T> CreateProperty<T>(string name) => new StatePropertyAccessor<T>(this, name);

    public async Task LoadAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        if (!force && turnContext.TurnState.ContainsKey(_cacheKey))
        {
            return;
        }
        var key = GetStorageKey(turnContext);
        var items = await Storage.ReadAsync([key], cancellationToken);
        turnContext.TurnState[_cacheKey] = items.TryGetValue(key, out var item)
            ? new CachedState(item.Json, item.ETag)
            : new CachedState(null, null);
    }

    /// <summary>Writes the state if it changed since it was loaded (or always, with <paramref name="force"/>).</summary>
    public async Task SaveChangesAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        if (turnContext.TurnState.Get<CachedState>(_cacheKey) is not { } cached)
        {
            return;
        }
        var key = GetStorageKey(turnContext);
        if (TurnCommit.Of(turnContext) is { } commit)
        {
            // Written with the rest of the turn when it ends, as the state stands then: however often a turn saves, its
            // state is serialized once.
            commit.Stage(key, () => cached.Snapshot() is var staged && (force || staged != cached.LoadedJson) ? StoreItem.FromJson(staged, cached.ETag) : null);
            return;
        }
        var json = cached.Snapshot();
        if (!force && json == cached.LoadedJson)
        {
            return;
        }
        var etags = await Storage.WriteAsync(new Dictionary<string, StoreItem> { [key] = StoreItem.FromJson(json, cached.ETag) }, cancellationToken);
        cached.Saved(json, etags[key]);
    }

    /// <summary>Forgets everything in this state; the next save writes it empty.</summary>
    public Task ClearStateAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        if (turnContext.TurnState.Get<CachedState>(_cacheKey) is { } cached)
        {
            cached.Clear();
        }
        else
        {
            turnContext.TurnState[_cacheKey] = new CachedState(null, StoreItem.AnyETag);
        }
        return Task.CompletedTask;
    }

    /// <summary>Removes the stored state now, whatever its eTag.</summary>
    public async Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        turnContext.TurnState.Remove(_cacheKey);
        TurnCommit.Of(turnContext)?.Unstage(GetStorageKey(turnContext));
        await Storage.DeleteAsync([GetStorageKey(turnContext)], cancellationToken);
    }

    internal async Task<T> GetPropertyAsync<T>(ITurnContext turnContext, string name, Func<T>? defaultValueFactory, CancellationToken cancellationToken)
    {
        await LoadAsync(turnContext, cancellationToken: cancellationToken);
        return turnContext.TurnState.Get<CachedState>(_cacheKey)!.Get(name, defaultValueFactory);
    }

    internal async Task SetPropertyAsync<T>(ITurnContext turnContext, string name, T value, CancellationToken cancellationToken)
    {
        await LoadAsync(turnContext, cancellationToken: cancellationToken);
        turnContext.TurnState.Get<CachedState>(_cacheKey)!.Set(name, value);
    }

    internal async Task DeletePropertyAsync(ITurnContext turnContext, string name, CancellationToken cancellationToken)
    {
        await LoadAsync(turnContext, cancellationToken: cancellationToken);
        turnContext.TurnState.Get<CachedState>(_cacheKey)!.Remove(name);
    }

    /// <summary>
    /// The loaded document plus the live objects handed out by accessors. A property is deserialized from the stored text
    /// when first asked for; a save copies the untouched ones as they were stored and serializes only the live ones.
    /// </summary>
    private sealed class CachedState : IDisposable
    {
        private static readonly JsonWriterOptions WriterOptions = new() { Encoder = BotJson.Options.Encoder };
        private readonly Dictionary<string, (object? Value, Type Type)> _live = new(StringComparer.Ordinal);
        private readonly List<string> _liveOrder = [];
        private readonly HashSet<string> _removed = new(StringComparer.Ordinal);
        private readonly JsonDocument? _document;
        private JsonElement _stored;

        public CachedState(string? json, string? etag)
        {
            LoadedJson = json ?? "{}";
            ETag = etag;
            _document = json is null ? null : JsonDocument.Parse(json);
            _stored = _document?.RootElement ?? default;
        }

        /// <summary>Returns the parsed document's pooled buffers when the turn ends.</summary>
        public void Dispose() => _document?.Dispose();

        public string LoadedJson { get; private set; }

        public string? ETag { get; private set; }

        public T Get<T>(string name, Func<T>? defaultValueFactory)
        {
            if (_live.TryGetValue(name, out var live))
            {
                return (T)live.Value!;
            }
            T value;
            if (Stored(name) is { } element)
            {
                // A JsonElement property is handed out as stored, for a reader that only looks into it.
                value = typeof(T) == typeof(JsonElement) ? (T)(object)element : element.Deserialize<T>(BotJson.Options)!;
            }
            else if (defaultValueFactory is not null)
            {
                value = defaultValueFactory();
            }
            else
            {
                throw new KeyNotFoundException($"State property '{name}' is not set and no default was given.");
            }
            Set(name, value);
            return value;
        }

        public void Set<T>(string name, T value)
        {
            if (!_live.ContainsKey(name))
            {
                _liveOrder.Add(name);
            }
            _live[name] = (value, typeof(T));
            _removed.Remove(name);
        }

        public void Remove(string name)
        {
            _live.Remove(name);
            _liveOrder.Remove(name);
            _removed.Add(name);
        }

        public void Clear()
        {
            _live.Clear();
            _liveOrder.Clear();
            _removed.Clear();
            _stored = default;
        }

        /// <summary>The document as it stands now: stored properties in their order, then new ones.</summary>
        public string Snapshot()
        {
            var buffer = new ArrayBufferWriter<byte>(LoadedJson.Length + 256);
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                writer.WriteStartObject();
                var written = new HashSet<string>(StringComparer.Ordinal);
                if (_stored.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in _stored.EnumerateObject())
                    {
                        if (_removed.Contains(property.Name) || !written.Add(property.Name))
                        {
                            continue;
                        }
                        if (!WriteLive(writer, property.Name))
                        {
                            property.WriteTo(writer);
                        }
                    }
                }
                foreach (var name in _liveOrder)
                {
                    if (written.Add(name))
                    {
                        WriteLive(writer, name);
                    }
                }
                writer.WriteEndObject();
            }
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }

        public void Saved(string json, string etag)
        {
            LoadedJson = json;
            ETag = etag;
        }

        private JsonElement? Stored(string name) =>
            _stored.ValueKind == JsonValueKind.Object && !_removed.Contains(name) && _stored.TryGetProperty(name, out var element)
                && element.ValueKind != JsonValueKind.Null
                ? element
                : null;

        private bool WriteLive(Utf8JsonWriter writer, string name)
        {
            if (!_live.TryGetValue(name, out var live))
            {
                return false;
            }
            writer.WritePropertyName(name);
            JsonSerializer.Serialize(writer, live.Value, live.Type, BotJson.Options);
            return true;
        }
    }
}

public sealed class ConversationState(IStorage storage) : BotState(storage, nameof(ConversationState))
{
    protected override string GetStorageKey(ITurnContext turnContext)
    {
        var activity = turnContext.Activity;
        var channelId = activity.ChannelId ?? throw new InvalidOperationException("The activity has no channelId.");
        var conversationId = activity.Conversation?.Id ?? throw new InvalidOperationException("The activity has no conversation.id.");
        return StorageKey(channelId, conversationId);
    }

    public static string StorageKey(string channelId, string conversationId) => $"{channelId}/conversations/{conversationId}";
}

public sealed class UserState(IStorage storage) : BotState(storage, nameof(UserState))
{
    protected override string GetStorageKey(ITurnContext turnContext)
    {
        var activity = turnContext.Activity;
        var channelId = activity.ChannelId ?? throw new InvalidOperationException("The activity has no channelId.");
        var userId = activity.From?.Id ?? throw new InvalidOperationException("The activity has no from.id.");
        return $"{channelId}/users/{userId}";
    }
}

public interface IStatePropertyAccessor<T>
{
    string Name { get; }

    Task<T> GetAsync(ITurnContext turnContext, Func<T>? defaultValueFactory = null, CancellationToken cancellationToken = default);

    Task SetAsync(ITurnContext turnContext, T value, CancellationToken cancellationToken = default);

    Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default);
}

internal sealed class StatePropertyAccessor<T>(BotState state, string name) : IStatePropertyAccessor<T>
{
    public string Name { get; } = name;

    public Task<T> GetAsync(ITurnContext turnContext, Func<T>? defaultValueFactory = null, CancellationToken cancellationToken = default) =>
        state.GetPropertyAsync(turnContext, Name, defaultValueFactory, cancellationToken);

    public Task SetAsync(ITurnContext turnContext, T value, CancellationToken cancellationToken = default) =>
        state.SetPropertyAsync(turnContext, Name, value, cancellationToken);

    public Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default) =>
        state.DeletePropertyAsync(turnContext, Name, cancellationToken);
}
