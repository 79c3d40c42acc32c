using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Schema;

using ParkingBot.Testing;

namespace ParkingBot.Framework.Tests.Infrastructure;

/// <summary>
/// Counts the messages of a conversation in conversation state and answers with the count; "boom" throws,
/// "trace" also sends a trace, "slow" takes a while so concurrent turns overlap, "stuck" holds its conversation for 1.5 s.
/// </summary>
public sealed class CountingBot(ConversationState conversationState) : ActivityHandler
{
    public const string Apology = "sorry";

    private readonly IStatePropertyAccessor<Counter> _counter = conversationState.CreateProperty<Counter>("counter");

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await base.OnTurnAsync(turnContext, cancellationToken);
        await conversationState.SaveChangesAsync(turnContext, cancellationToken: cancellationToken);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var counter = await _counter.GetAsync(turnContext, () => new Counter(), cancellationToken);
        counter.Count++;
        switch (turnContext.Activity.Text)
        {
            case "boom":
                throw new InvalidOperationException("boom");
            case "trace":
                await turnContext.SendActivityAsync(new Activity { Type = ActivityTypes.Trace, Name = "test", Label = "trace" }, cancellationToken);
                break;
            case "slow":
                await Task.Delay(20, cancellationToken);
                break;
            case "stuck":
                await Task.Delay(1500, cancellationToken);
                break;
        }
        await turnContext.SendActivityAsync($"count:{counter.Count}", cancellationToken: cancellationToken);
    }

    protected override Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken) =>
        turnContext.SendActivityAsync("welcome " + string.Join(",", membersAdded.Select(m => m.Id)), cancellationToken: cancellationToken);

    public sealed class Counter
    {
        public int Count { get; set; }
    }
}
