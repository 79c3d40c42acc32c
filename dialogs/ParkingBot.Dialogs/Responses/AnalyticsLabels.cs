using ParkingBot.Dialogs.Main;
using ParkingBot.Framework.Analytics;
using ParkingBot.Handoff.Cases;

namespace ParkingBot.Dialogs.Responses;

/// <summary>The Korean names a supervisor reads for flows (the menu's titles), endings and handoff reasons (agent-texts.ko.yaml).</summary>
public sealed class AnalyticsLabels(ResponseScripts scripts, AgentTexts agent)
{
    public IReadOnlyDictionary<string, string> Flows { get; } = Topics.Menu.ToDictionary(t => t.Id, t => scripts.Text(t.Title));

    public IReadOnlyDictionary<string, string> Endings { get; } = Enum.GetValues<FlowEnding>().ToDictionary(e => e.ToString(), e => agent.Text(e switch
    {
        FlowEnding.Resolved => AgentTextKeys.EndingResolved,
        FlowEnding.Informed => AgentTextKeys.EndingInformed,
        FlowEnding.HandedOff => AgentTextKeys.EndingHandedOff,
        FlowEnding.Refused => AgentTextKeys.EndingRefused,
        FlowEnding.NotHolder => AgentTextKeys.EndingNotHolder,
        FlowEnding.NotFound => AgentTextKeys.EndingNotFound,
        FlowEnding.Cancelled => AgentTextKeys.EndingCancelled,
        FlowEnding.Abandoned => AgentTextKeys.EndingAbandoned,
        _ => AgentTextKeys.EndingFailed,
    }));

    public IReadOnlyDictionary<string, string> Reasons { get; } = Enum.GetValues<HandoffReason>().ToDictionary(r => r.ToString(), r => agent.Text(r switch
    {
        HandoffReason.OutboundCall => AgentTextKeys.ReasonOutboundCall,
        HandoffReason.AttachmentReview => AgentTextKeys.ReasonAttachmentReview,
        HandoffReason.Refund => AgentTextKeys.ReasonRefund,
        HandoffReason.CustomerRequest => AgentTextKeys.ReasonCustomerRequest,
        _ => AgentTextKeys.ReasonBotFailure,
    }));
}
