using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Handoff.Relay;

/// <summary>
/// A conversation with an open case belongs to the agent: the customer's messages go to the case (and the
/// agent's live console), not to the dialogs. While queued the customer is reminded they can leave (상담 취소).
/// </summary>
public sealed class HandoffRelayMiddleware(HandoffService handoff) : IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        if (!turnContext.Activity.IsType(ActivityTypes.Message) || !await handoff.TryRelayCustomerMessageAsync(turnContext, cancellationToken))
        {
            await next(cancellationToken);
        }
    }
}
