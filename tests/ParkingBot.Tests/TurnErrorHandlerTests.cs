using Microsoft.Extensions.Options;
using ParkingBot.Dialogs.Outcomes;
using ParkingBot.Framework.Analytics;
using ParkingBot.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ParkingBot.Dialogs.Responses;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Storage;
using ParkingBot.Hosting;
using ParkingBot.Testing;

namespace ParkingBot.Tests;

public class TurnErrorHandlerTests
{
    [Fact]
    public async Task A_failed_turn_apologizes_and_the_next_turn_starts_with_empty_state()
    {
        var storage = new MemoryStorage();
        var conversationState = new ConversationState(storage);
        var scripts = ResponseScripts.Load(Path.Combine(AppContext.BaseDirectory, ResponseScripts.DefaultFileName));
        var bot = new RememberThenFailBot(conversationState);
        using var database = TestDatabase.Sqlite();
        var events = new ConversationEvents(database.Database);
        var outcomes = new ConversationOutcomes(conversationState, events, new WatchWriter(events, Options.Create(new OutcomeOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<WatchWriter>.Instance), Options.Create(new OutcomeOptions()), new MaskingTextMasker(), TimeProvider.System);
        var client = new DialogTestClient(bot, new TurnErrorHandler(conversationState, scripts, outcomes, NullLogger<TurnErrorHandler>.Instance));

        Assert.Equal("remembered 1", (await client.SendActivityAsync("remember"))!.Text);
        Assert.Equal("remembered 2", (await client.SendActivityAsync("remember"))!.Text);
        var apology = await client.SendActivityAsync("fail");
        var afterwards = await client.SendActivityAsync("remember");

        Assert.Equal(ResponseKeys.ErrorApology.Name, apology.ResponseKey());
        Assert.Equal("remembered 1", afterwards!.Text);
    }

    private sealed class RememberThenFailBot(ConversationState conversationState) : IBot
    {
        private readonly IStatePropertyAccessor<int> _count = conversationState.CreateProperty<int>("count");

        public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            var count = await _count.GetAsync(turnContext, () => 0, cancellationToken);
            if (turnContext.Activity.Text == "fail")
            {
                throw new InvalidOperationException("a bug in a dialog step");
            }
            await _count.SetAsync(turnContext, count + 1, cancellationToken);
            await conversationState.SaveChangesAsync(turnContext, cancellationToken: cancellationToken);
            await turnContext.SendActivityAsync($"remembered {count + 1}", cancellationToken: cancellationToken);
        }
    }
}
