using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Handoff.Relay;

/// <summary>What the customer is told around a handoff, from the response scripts (the dialogs layer provides it).</summary>
public interface IHandoffCustomerMessages
{
    /// <summary>A message while the case waits for an agent, with the 상담 취소 button.</summary>
    Activity StillWaiting();

    Activity Cancelled();

    Activity AgentJoined(string agentName);

    /// <summary>Whether the customer asked to leave the queue.</summary>
    bool IsCancelRequest(string? text);

    /// <summary>The bot takes the conversation back after the agent resolved the case (the closing question).</summary>
    Task ResumeBotAsync(ITurnContext turnContext, CancellationToken cancellationToken);
}
