namespace ParkingBot.Framework.Builder;

public delegate Task NextDelegate(CancellationToken cancellationToken);

/// <summary>A step every turn passes through before (and after) the bot: transcript, typing, handoff relay...</summary>
public interface IMiddleware
{
    Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default);
}

public sealed class MiddlewareSet
{
    private readonly List<IMiddleware> _middleware = [];

    public MiddlewareSet Use(IMiddleware middleware)
    {
        _middleware.Add(middleware);
        return this;
    }

    public Task ReceiveActivityWithStatusAsync(ITurnContext turnContext, BotCallbackHandler callback, CancellationToken cancellationToken) =>
        RunAsync(turnContext, callback, 0, cancellationToken);

    private Task RunAsync(ITurnContext turnContext, BotCallbackHandler callback, int index, CancellationToken cancellationToken) =>
        index == _middleware.Count
            ? callback(turnContext, cancellationToken)
            : _middleware[index].OnTurnAsync(turnContext, ct => RunAsync(turnContext, callback, index + 1, ct), cancellationToken);
}
