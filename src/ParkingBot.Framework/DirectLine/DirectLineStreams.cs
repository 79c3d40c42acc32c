using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.DirectLine;

/// <summary>What wakes a conversation's WebSocket stream: its log grew, or a frame that is never logged (typing).</summary>
public abstract record StreamSignal
{
    public sealed record LogChanged : StreamSignal;

    public sealed record Frame(string Json) : StreamSignal;
}

/// <summary>
/// The open WebSocket streams of this process, one per conversation; nothing else of a conversation is kept in
/// memory (its log is in the <see cref="IDirectLineStore"/>), so an idle conversation costs nothing here.
/// A second stream for a conversation replaces the first (Azure closes the older one too).
/// </summary>
public sealed class DirectLineStreams
{
    private static readonly StreamSignal Changed = new StreamSignal.LogChanged();
    private readonly Dictionary<string, Channel<StreamSignal>> _streams = new(StringComparer.Ordinal);

    public int OpenCount
    {
        get
        {
            lock (_streams)
            {
                return _streams.Count;
            }
        }
    }

    /// <summary>Opens the conversation's stream; the reader ends when another stream replaces it.</summary>
    public ChannelReader<StreamSignal> Open(string conversationId)
    {
        var stream = Channel.CreateBounded<StreamSignal>(new BoundedChannelOptions(64) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });
        lock (_streams)
        {
            if (_streams.TryGetValue(conversationId, out var older))
            {
                older.Writer.TryComplete();
            }
            _streams[conversationId] = stream;
        }
        return stream.Reader;
    }

    public void Close(string conversationId, ChannelReader<StreamSignal> reader)
    {
        lock (_streams)
        {
            if (_streams.TryGetValue(conversationId, out var stream) && ReferenceEquals(stream.Reader, reader))
            {
                stream.Writer.TryComplete();
                _streams.Remove(conversationId);
            }
        }
    }

    /// <summary>The conversation's log grew: its stream reads what it has not sent yet.</summary>
    public void LogChanged(string conversationId) => Send(conversationId, Changed);

    /// <summary>Streams an activity without logging it (typing: WebSocket only, never in GET activities).</summary>
    public void Signal(string conversationId, Activity activity)
    {
        activity.Conversation = new ConversationAccount(conversationId);
        activity.ChannelId = Channels.DirectLine;
        var json = (JsonObject)JsonSerializer.SerializeToNode(activity, BotJson.Options)!;
        Send(conversationId, new StreamSignal.Frame(new JsonObject { ["activities"] = new JsonArray(json) }.ToJsonString(BotJson.Options)));
    }

    private void Send(string conversationId, StreamSignal signal)
    {
        lock (_streams)
        {
            if (_streams.TryGetValue(conversationId, out var stream))
            {
                stream.Writer.TryWrite(signal);
            }
        }
    }
}
