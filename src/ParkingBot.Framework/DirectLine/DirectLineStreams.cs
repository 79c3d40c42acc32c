using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using ParkingBot.Framework.Cluster;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.DirectLine;

/// <summary>What wakes a conversation's WebSocket stream: its log grew, or a frame that is never logged (typing).</summary>
public abstract record StreamSignal
{
    /// <param name="UpTo">The watermark the log grew to, so frames signalled after it come after it; null: read all.</param>
    public sealed record LogChanged(long? UpTo) : StreamSignal;

    public sealed record Frame(string Json) : StreamSignal;
}

/// <summary>
/// The open WebSocket streams of this process, one per conversation; nothing else of a conversation is kept in
/// memory (its log is in the <see cref="IDirectLineStore"/>), so an idle conversation costs nothing here.
/// A second stream for a conversation on this instance replaces the first (Azure closes the older one too).
/// Changes made on other instances arrive by the <see cref="IDoorbell"/>: the stream reads the log again.
/// </summary>
public sealed class DirectLineStreams
{
    private const string LogTopic = "dl.log";
    private const string TypingTopic = "dl.typing";
    private static readonly StreamSignal Changed = new StreamSignal.LogChanged(null);
    private readonly Dictionary<string, Channel<StreamSignal>> _streams = new(StringComparer.Ordinal);
    private readonly IDoorbell _doorbell;
    private readonly ChannelAccount _bot;

    public DirectLineStreams(IDoorbell doorbell, IOptions<DirectLineOptions> options)
    {
        _doorbell = doorbell;
        _bot = new ChannelAccount(options.Value.BotId, options.Value.BotName, RoleTypes.Bot);
        doorbell.Subscribe(LogTopic, conversationId =>
        {
            if (conversationId is null)
            {
                SendToAll(Changed);
            }
            else
            {
                Send(conversationId, Changed);
            }
        });
        doorbell.Subscribe(TypingTopic, conversationId =>
        {
            if (conversationId is not null)
            {
                Send(conversationId, TypingFrame(conversationId, new Activity { Type = ActivityTypes.Typing, From = _bot }));
            }
        });
    }

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

    /// <summary>The conversation's log grew: its stream, on whichever instance, reads what it has not sent yet.</summary>
    public Task LogChangedAsync(string conversationId, long watermark, CancellationToken cancellationToken = default)
    {
        Send(conversationId, new StreamSignal.LogChanged(watermark));
        return _doorbell.RingAsync(LogTopic, conversationId, cancellationToken);
    }

    /// <summary>
    /// Streams the bot's typing without logging it (WebSocket only, never in GET activities); another instance streams
    /// a plain typing activity from the bot.
    /// </summary>
    public Task TypingAsync(string conversationId, Activity typing, CancellationToken cancellationToken = default)
    {
        Send(conversationId, TypingFrame(conversationId, typing));
        return _doorbell.RingAsync(TypingTopic, conversationId, cancellationToken);
    }

    private static StreamSignal.Frame TypingFrame(string conversationId, Activity activity)
    {
        activity.Conversation = new ConversationAccount(conversationId);
        activity.ChannelId = Channels.DirectLine;
        var json = (JsonObject)JsonSerializer.SerializeToNode(activity, BotJson.Options)!;
        return new StreamSignal.Frame(new JsonObject { ["activities"] = new JsonArray(json) }.ToJsonString(BotJson.Options));
    }

    private void SendToAll(StreamSignal signal)
    {
        lock (_streams)
        {
            foreach (var stream in _streams.Values)
            {
                stream.Writer.TryWrite(signal);
            }
        }
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
