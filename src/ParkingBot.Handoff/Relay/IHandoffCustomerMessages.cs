using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Schema;
using ParkingBot.Handoff.Cases;
using ParkingBot.Handoff.Queue;

namespace ParkingBot.Handoff.Relay;

/// <summary>What the customer is told around a handoff, from the response scripts (the dialogs layer provides it).</summary>
public interface IHandoffCustomerMessages
{
    /// <summary>The flow's waiting message, saying plainly that the customer now waits for an agent and where they stand, with the 상담 취소 button.</summary>
    Activity Waiting(Activity flowMessage, QueueStanding standing);

    /// <summary>The customer wrote while the case waits: their place and wait again, with the 상담 취소 button.</summary>
    Activity StillWaiting(QueueStanding standing);

    /// <summary>Asked before leaving a case whose back-office work goes on anyway (예/아니요).</summary>
    Activity ConfirmCancel(IReadOnlyList<HandoffReason> goesOn);

    /// <summary>The customer stopped waiting; <paramref name="goesOn"/> is what is still done and answered by text.</summary>
    Activity Cancelled(IReadOnlyList<HandoffReason> goesOn);

    /// <summary>The customer chose to go on waiting.</summary>
    Activity KeepWaiting(QueueStanding standing);

    /// <summary>The agent gave the case back to the queue.</summary>
    Activity Requeued(QueueStanding standing);

    Activity AgentJoined(string agentName);

    /// <summary>How an agent is named to the customer (a display name with or without its title).</summary>
    string AgentTitle(string agentName);

    /// <summary>The agent finished; said before the bot takes over again.</summary>
    Activity AgentFinished(bool followUpByText);

    /// <summary>Whether the customer asked to leave the queue.</summary>
    bool IsCancelRequest(string? text);

    /// <summary>A yes or a no, or null when the message is neither.</summary>
    bool? YesOrNo(string? text);

    /// <summary>The bot takes the conversation back after the agent resolved the case (the closing question).</summary>
    Task ResumeBotAsync(ITurnContext turnContext, CancellationToken cancellationToken);
}
