using ParkingBot.Framework.Schema;
using ParkingBot.Framework.Storage;

namespace ParkingBot.Framework.Builder;

/// <summary>Runs turns through the middleware to the bot and delivers what the turn sends.</summary>
public abstract class BotAdapter
{
    private readonly MiddlewareSet _middleware = new();

    /// <summary>Called when a turn throws; typically apologizes and clears conversation state.</summary>
    public Func<ITurnContext, Exception, Task>? OnTurnError { get; set; }

    public BotAdapter Use(IMiddleware middleware)
    {
        _middleware.Use(middleware);
        return this;
    }

    /// <summary>Runs a turn that does not come from the user (proactive messages, agent relay) and delivers what it sends.</summary>
    public abstract Task ContinueConversationAsync(ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken = default);

    public abstract Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken);

    protected async Task RunPipelineAsync(ITurnContext turnContext, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        try
        {
            await _middleware.ReceiveActivityWithStatusAsync(turnContext, callback, cancellationToken);
        }
        // An eTag conflict is not the bot's error: it reaches the adapter, which retries the turn.
        catch (Exception exception) when (OnTurnError is not null && exception is not StorageConflictException)
        {
            await OnTurnError(turnContext, exception);
        }
    }
}
