using System.Threading.Channels;
using ParkingBot.Framework.Cluster;
using ParkingBot.Handoff.Cases;
using ParkingBot.Handoff.Store;

namespace ParkingBot.Handoff.Relay;

/// <summary>What changed on a case, for the live agent console.</summary>
public sealed record CaseEvent(string Kind, string CaseId, HandoffStatus Status, string? AgentId, string? Text = null)
{
    public const string Opened = "opened";
    public const string Changed = "changed";
    public const string CustomerMessage = "customer-message";

    /// <summary>This instance may have missed events: consoles read their cases again.</summary>
    public const string Resync = "resync";
}

/// <summary>
/// Publish/subscribe of case events; each console connection subscribes. An event published on another instance rings
/// the <see cref="IDoorbell"/> with its kind and case id, and is read back from the case store here.
/// </summary>
public sealed class CaseEvents
{
    private const string Topic = "case";
    private readonly List<Channel<CaseEvent>> _subscribers = [];
    private readonly IDoorbell _doorbell;
    private readonly IHandoffCaseStore? _cases;

    public CaseEvents() : this(new SingleInstanceDoorbell(), null)
    {
    }

    public CaseEvents(IDoorbell doorbell, IHandoffCaseStore? cases)
    {
        _doorbell = doorbell;
        _cases = cases;
        doorbell.Subscribe(Topic, ring => _ = FromAnotherInstanceAsync(ring));
    }

    public ChannelReader<CaseEvent> Subscribe(CancellationToken until)
    {
        var channel = Channel.CreateBounded<CaseEvent>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_subscribers)
        {
            _subscribers.Add(channel);
        }
        until.Register(() =>
        {
            lock (_subscribers)
            {
                _subscribers.Remove(channel);
            }
            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }

    public Task PublishAsync(CaseEvent caseEvent, CancellationToken cancellationToken = default)
    {
        PublishHere(caseEvent);
        return _doorbell.RingAsync(Topic, $"{caseEvent.Kind} {caseEvent.CaseId}", cancellationToken);
    }

    private async Task FromAnotherInstanceAsync(string? ring)
    {
        if (ring?.Split(' ', 2) is not [var kind, var caseId])
        {
            PublishHere(new CaseEvent(CaseEvent.Resync, "", HandoffStatus.Queued, null));
            return;
        }
        if (_cases is not null && await _cases.GetAsync(caseId) is { Case: var handoffCase })
        {
            var text = kind == CaseEvent.CustomerMessage ? handoffCase.Transcript.LastOrDefault(t => t.Sender == TranscriptSender.Customer)?.Text : null;
            PublishHere(new CaseEvent(kind, caseId, handoffCase.Status, handoffCase.AgentId, text));
        }
    }

    private void PublishHere(CaseEvent caseEvent)
    {
        lock (_subscribers)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(caseEvent);
            }
        }
    }
}
