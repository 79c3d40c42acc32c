using ParkingBot.Dialogs.Outcomes;
using ParkingBot.Dialogs.Responses;
using ParkingBot.Framework.Builder;

namespace ParkingBot.Hosting;

/// <summary>
/// A turn threw: log it with the conversation id (the adapter's log scope), apologize, and clear the
/// conversation's state so the next message starts clean instead of failing again at the same step (the flow under way
/// is recorded as Failed).
/// </summary>
public sealed class TurnErrorHandler(ConversationState conversationState, ResponseScripts scripts, ConversationOutcomes outcomes, ILogger<TurnErrorHandler> logger)
    : IBotErrorHandler
{
    public async Task OnTurnErrorAsync(ITurnContext turnContext, Exception exception)
    {
        logger.LogError(exception, "A turn failed; the conversation's state is cleared");
        try
        {
            await outcomes.TurnFailedAsync(turnContext, CancellationToken.None);
            await conversationState.DeleteAsync(turnContext);
            await turnContext.SendActivityAsync(scripts.Message(ResponseKeys.ErrorApology));
        }
        catch (Exception cleanupException)
        {
            logger.LogError(cleanupException, "Could not apologize or clear the state after a failed turn");
        }
    }
}
