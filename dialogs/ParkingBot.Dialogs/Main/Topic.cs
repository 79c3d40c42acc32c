using ParkingBot.Dialogs.Flows.DoublePayment;
using ParkingBot.Dialogs.Flows.TicketNotApplied;
using ParkingBot.Dialogs.Flows.SeasonPassNotApplied;
using ParkingBot.Dialogs.Flows.TicketPaymentTiming;
using ParkingBot.Dialogs.Flows.UnusedCharge;
using ParkingBot.Dialogs.Flows.Valet;
using ParkingBot.Dialogs.Responses;

namespace ParkingBot.Dialogs.Main;

/// <summary>A consultation topic of the welcome menu and the flow dialog that handles it (null: a person, 상담원 연결).</summary>
public sealed record Topic(string Id, ResponseKey Title, string? DialogId);

/// <summary>The seven playbook flows of shared/playbooks/README.md, plus asking for a person.</summary>
public static class Topics
{
    public static readonly Topic TicketNotApplied = new("TicketNotApplied", ResponseKeys.TopicTicketNotApplied, nameof(TicketNotAppliedDialog));
    public static readonly Topic TicketPaymentTiming = new("TicketPaymentTiming", ResponseKeys.TopicTicketPaymentTiming, nameof(TicketPaymentTimingDialog));
    public static readonly Topic SeasonPassNotApplied = new("SeasonPassNotApplied", ResponseKeys.TopicSeasonPassNotApplied, nameof(SeasonPassNotAppliedDialog));
    public static readonly Topic UnusedCharge = new("UnusedCharge", ResponseKeys.TopicUnusedCharge, nameof(UnusedChargeDialog));
    public static readonly Topic DoublePayment = new("DoublePayment", ResponseKeys.TopicDoublePayment, nameof(DoublePaymentDialog));
    public static readonly Topic ValetUnusedCharge = new("ValetUnusedCharge", ResponseKeys.TopicValetUnusedCharge, nameof(ValetUnusedChargeDialog));
    public static readonly Topic ValetExitNotProcessed = new("ValetExitNotProcessed", ResponseKeys.TopicValetExitNotProcessed, nameof(ValetExitNotProcessedDialog));
    public static readonly Topic AgentRequest = new("AgentRequest", ResponseKeys.TopicAgent, null);

    public static readonly IReadOnlyList<Topic> Menu =
    [
        TicketNotApplied, TicketPaymentTiming, SeasonPassNotApplied, UnusedCharge,
        DoublePayment, ValetUnusedCharge, ValetExitNotProcessed, AgentRequest,
    ];

    public static Topic ById(string id) => Menu.Single(t => t.Id == id);

    /// <summary>The topic of a recognized intent (the CLU project's intent names are the topic ids), or null for the others.</summary>
    public static Topic? ForIntent(string intent) => Menu.SingleOrDefault(t => t.Id == intent);
}
