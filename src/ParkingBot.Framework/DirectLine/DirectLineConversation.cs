using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.DirectLine;

/// <summary>
/// One Direct Line conversation: the append-only log of what the user and the bot said (its index is the
/// watermark), and the one WebSocket stream that receives each new activity as an ActivitySet frame.
/// </summary>
public sealed class DirectLineConversation(string id)
{
    private readonly object _gate = new();
    private readonly List<JsonObject> _log = [];
    private Channel<string>? _stream;

    public string Id { get; } = id;

    /// <summary>True once the conversation was started (the bot got its conversationUpdate).</summary>
    public bool Started { get; private set; }

    public bool TryMarkStarted()
    {
        lock (_gate)
        {
            if (Started)
            {
                return false;
            }
            Started = true;
            return true;
        }
    }

    /// <summary>Gives the activity its id ({conversationId}|0000001) and the server's timestamp, logs it and streams it.</summary>
    public Activity Append(Activity activity, DateTimeOffset now)
    {
        lock (_gate)
        {
            activity.Id = $"{Id}|{_log.Count + 1:0000000}";
            activity.Timestamp = now;
            activity.Conversation = new ConversationAccount(Id);
            activity.ChannelId = Schema.Channels.DirectLine;
            var json = (JsonObject)JsonSerializer.SerializeToNode(activity, BotJson.Options)!;
            _log.Add(json);
            _stream?.Writer.TryWrite(Frame([json], _log.Count));
            return activity;
        }
    }

    /// <summary>Streams without logging (typing: WebSocket only, never in GET activities).</summary>
    public void Signal(Activity activity)
    {
        activity.Conversation = new ConversationAccount(Id);
        activity.ChannelId = Schema.Channels.DirectLine;
        var json = (JsonObject)JsonSerializer.SerializeToNode(activity, BotJson.Options)!;
        lock (_gate)
        {
            _stream?.Writer.TryWrite(new JsonObject { ["activities"] = new JsonArray(json) }.ToJsonString(BotJson.Options));
        }
    }

    /// <summary>The activities after <paramref name="watermark"/> (at most <paramref name="max"/>) and the new watermark.</summary>
    public JsonObject Since(int watermark, int max = 500)
    {
        lock (_gate)
        {
            var from = Math.Clamp(watermark, 0, _log.Count);
            var page = _log.Skip(from).Take(max).Select(a => a.DeepClone()).ToList();
            return new JsonObject
            {
                ["activities"] = new JsonArray(page.ToArray()),
                ["watermark"] = (from + page.Count).ToString(CultureInfo.InvariantCulture),
            };
        }
    }

    /// <summary>
    /// Opens the stream: what was logged after <paramref name="watermark"/> comes first, then every new activity.
    /// A second stream replaces the first (Azure closes the older one too); the returned reader ends when replaced.
    /// </summary>
    public ChannelReader<string> OpenStream(int watermark)
    {
        lock (_gate)
        {
            _stream?.Writer.TryComplete();
            _stream = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
            var from = Math.Clamp(watermark, 0, _log.Count);
            if (from < _log.Count)
            {
                _stream.Writer.TryWrite(Frame(_log.Skip(from).ToList(), _log.Count));
            }
            return _stream.Reader;
        }
    }

    public void CloseStream(ChannelReader<string> reader)
    {
        lock (_gate)
        {
            if (_stream is not null && ReferenceEquals(_stream.Reader, reader))
            {
                _stream.Writer.TryComplete();
                _stream = null;
            }
        }
    }

    private static string Frame(IReadOnlyList<JsonObject> activities, int watermark) => new JsonObject
    {
        ["activities"] = new JsonArray(activities.Select(a => (JsonNode)a.DeepClone()).ToArray()),
        ["watermark"] = watermark.ToString(CultureInfo.InvariantCulture),
    }.ToJsonString(BotJson.Options);
}

/// <summary>The conversations of this process. One the server no longer holds (after a restart) is re-opened empty for a valid token.</summary>
public sealed class DirectLineConversations
{
    private readonly ConcurrentDictionary<string, DirectLineConversation> _conversations = new();

    public DirectLineConversation GetOrAdd(string id) => _conversations.GetOrAdd(id, key => new DirectLineConversation(key));

    public DirectLineConversation? Find(string id) => _conversations.GetValueOrDefault(id);
}
