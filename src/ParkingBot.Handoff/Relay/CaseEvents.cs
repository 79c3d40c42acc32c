using System.Threading.Channels;
using ParkingBot.Handoff.Cases;

namespace ParkingBot.Handoff.Relay;

/// <summary>What changed on a case, for the live agent console.</summary>
public sealed record CaseEvent(string Kind, string CaseId, HandoffStatus Status, string? AgentId, string? Text = null)
{
    public const string Opened = "opened";
    public const string Changed = "changed";
    public const string CustomerMessage = "customer-message";
}

/// <summary>In-process publish/subscribe of case events; each console connection subscribes.</summary>
public sealed class CaseEvents
{
    private readonly List<Channel<CaseEvent>> _subscribers = [];

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

    public void Publish(CaseEvent caseEvent)
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
