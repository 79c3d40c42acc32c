namespace ParkingBot.Framework.Builder;

public interface IBot
{
    Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default);
}

public delegate Task BotCallbackHandler(ITurnContext turnContext, CancellationToken cancellationToken);
