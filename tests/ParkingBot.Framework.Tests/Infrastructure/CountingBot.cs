using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Schema;

using ParkingBot.Testing;

namespace ParkingBot.Framework.Tests.Infrastructure;

/// <summary>
/// Counts the messages of a conversation in conversation state and answers with the count; "boom" throws,
/// "trace" also sends a trace, "slow" takes a while so concurrent turns overlap, "stuck" holds its conversation until
/// <see cref="StuckTurn"/> lets it go.
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
                StuckTurn.Entered.Release();
                await StuckTurn.Released.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
                break;
        }
        await turnContext.SendActivityAsync($"count:{counter.Count}", cancellationToken: cancellationToken);
    }

    protected override Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken) =>
        turnContext.SendActivityAsync("welcome " + string.Join(",", membersAdded.Select(m => m.Id)), cancellationToken: cancellationToken);

    /// <summary>The "stuck" turn: it says when it holds its conversation and waits until released.</summary>
    public static class StuckTurn
    {
        public static readonly SemaphoreSlim Entered = new(0);
        public static readonly SemaphoreSlim Released = new(0);
    }

    public sealed class Counter
    {
        public int Count { get; set; }
    }
}
