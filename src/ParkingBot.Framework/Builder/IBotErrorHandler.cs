namespace ParkingBot.Framework.Builder;

/// <summary>What the app does when a turn throws (apologize, log, reset); the adapter uses it when registered.</summary>
public interface IBotErrorHandler
{
    Task OnTurnErrorAsync(ITurnContext turnContext, Exception exception);
}
