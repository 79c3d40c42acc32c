using ParkingBot.Dialogs.Responses;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Schema;
using ParkingBot.Handoff.Relay;

namespace ParkingBot.Dialogs.Handoff;

/// <summary>The handoff's customer-facing texts from the response scripts, and the way back into the dialogs.</summary>
public sealed class HandoffCustomerMessages(ResponseScripts scripts, Lazy<DialogBot> bot) : IHandoffCustomerMessages
{
    public Activity StillWaiting()
    {
        var message = scripts.Message(ResponseKeys.HandoffStillWaiting);
        message.SuggestedActions = new SuggestedActions { Actions = [CardAction.ImBack(scripts.Text(ResponseKeys.HandoffCancelButton))] };
        return message;
    }

    public Activity Cancelled() => scripts.Message(ResponseKeys.HandoffCancelled);

    public Activity AgentJoined(string agentName) => scripts.Message(ResponseKeys.HandoffAgentJoined, ("agentName", agentName));

    /// <summary>
    /// The button's words, alone or with a short ending (상담 취소할게요), leave the queue; a longer message
    /// that mentions 취소 ("예약 취소됐는데요…") is for the agent.
    /// </summary>
    public bool IsCancelRequest(string? text)
    {
        var button = Compact(scripts.Text(ResponseKeys.HandoffCancelButton));
        var said = Compact(text ?? "");
        return said.StartsWith(button, StringComparison.Ordinal) && said.Length <= button.Length + 4;
    }

    private static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c) && !char.IsPunctuation(c)));

    public Task ResumeBotAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        bot.Value.ResumeAfterHandoffAsync(turnContext, cancellationToken);
}
