using ParkingBot.Dialogs.Responses;
using ParkingBot.Dialogs.Understanding;
using ParkingBot.Dialogs.Understanding.Acts;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Schema;
using ParkingBot.Handoff.Cases;
using ParkingBot.Handoff.Queue;
using ParkingBot.Handoff.Relay;
using ParkingBot.Language.Recognizers;

namespace ParkingBot.Dialogs.Handoff;

/// <summary>The handoff's customer-facing texts from the response scripts, and the way back into the dialogs.</summary>
public sealed class HandoffCustomerMessages(ResponseScripts scripts, CustomerPhrases phrases, KoreanEntityRecognizer recognizer, TimeProvider timeProvider,
    Lazy<DialogBot> bot, LearnedReplies? learned = null) : IHandoffCustomerMessages
{
    public Activity Waiting(Activity flowMessage, QueueStanding standing)
    {
        flowMessage.Text = $"{flowMessage.Text}\n\n{Standing(standing)}";
        flowMessage.SuggestedActions = CancelButton();
        return flowMessage;
    }

    public Activity StillWaiting(QueueStanding standing) => WithStanding(ResponseKeys.HandoffStillWaiting, standing);

    public Activity KeepWaiting(QueueStanding standing) => WithStanding(ResponseKeys.HandoffKeepWaiting, standing);

    public Activity Requeued(QueueStanding standing) => WithStanding(ResponseKeys.HandoffRequeued, standing);

    public Activity ConfirmCancel(IReadOnlyList<HandoffReason> goesOn)
    {
        var message = scripts.Message(ResponseKeys.HandoffConfirmCancel, ("work", Work(goesOn)));
        message.SuggestedActions = new SuggestedActions
        {
            Actions = [CardAction.ImBack(scripts.Text(ResponseKeys.AnswerYes)), CardAction.ImBack(scripts.Text(ResponseKeys.AnswerNo))],
        };
        return message;
    }

    public Activity Cancelled(IReadOnlyList<HandoffReason> goesOn) => goesOn.Count == 0
        ? scripts.Message(ResponseKeys.HandoffCancelled)
        : scripts.Message(ResponseKeys.HandoffLeftFollowUp, ("work", Work(goesOn)));

    public Activity AgentJoined(string agentName) => scripts.Message(ResponseKeys.HandoffAgentJoined, ("agent", AgentTitle(agentName)));

    /// <summary>A display name that already carries a title (김하늘 상담원, 상담원) stays as it is; any other gets the title after it.</summary>
    public string AgentTitle(string agentName)
    {
        var name = agentName.Trim();
        return name.Length == 0 ? scripts.Text(ResponseKeys.HandoffAgentUnnamed)
            : phrases.AgentTitles.Any(title => name.EndsWith(title, StringComparison.Ordinal)) ? name
            : scripts.Text(ResponseKeys.HandoffAgentTitle, ("name", name));
    }

    public Activity AgentFinished(bool followUpByText) =>
        scripts.Message(followUpByText ? ResponseKeys.HandoffAgentFinishedWithText : ResponseKeys.HandoffAgentFinished);

    /// <summary>
    /// Whether a waiting customer leaves the queue (<see cref="TurnInterpreter.WhileWaiting"/>): the button's words, or
    /// a short message saying they will not wait ("됐어요 그만 기다릴래요", "나중에 다시 할게요"), in phrases or in words the
    /// learned classifier is sure of.
    /// </summary>
    // The replies corpus's name for a message written while waiting for an agent.
    private const string WaitingQuestion = "waiting";

    public bool IsCancelRequest(string? text)
    {
        var button = Compact(scripts.Text(ResponseKeys.HandoffCancelButton));
        var said = Compact(text ?? "");
        var signals = new WaitingSignals(
            ButtonWords: said.StartsWith(button, StringComparison.Ordinal) && said.Length <= button.Length + 4,
            SaysLeave: CustomerPhrases.Contains(text ?? "", phrases.Waiting.StopWaiting),
            SaysStay: CustomerPhrases.Contains(text ?? "", phrases.Waiting.Stay),
            Letters: said.Length,
            LearnedLeave: LearnedLeave(text ?? ""));
        return TurnInterpreter.WhileWaiting(signals)?.Kind == DialogueActKind.StopWaiting;
    }

    /// <summary>
    /// The learned classifier is sure the message says they will not wait, and it asks nothing and brings no day, time
    /// or car (those are details for the agent: "어제 출차가 안 됐어요").
    /// </summary>
    private bool LearnedLeave(string text) =>
        learned is not null && !text.Contains('?') && learned.SaysStop(text, WaitingQuestion)
        && !recognizer.Recognize(text, timeProvider.GetUtcNow()).Any(e => e.Type is not EntityType.YesNo);

    /// <summary>
    /// A short answer to "stop waiting?": a yes or a no, the 상담 취소 button, or the words customers use to leave or stay
    /// (phrases.ko.yaml `waiting`). A longer message is something to tell the agent.
    /// </summary>
    public bool? YesOrNo(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || Compact(text).Length > WaitingSignals.ShortMessage / 2)
        {
            return null;
        }
        var answers = recognizer.Recognize(text, timeProvider.GetUtcNow()).Select(e => e.Resolution).OfType<YesNoResolution>().Select(r => r.Yes).Distinct().ToList();
        var leaves = IsCancelRequest(text) || CustomerPhrases.Contains(text, phrases.Waiting.Leave);
        var stays = !leaves && CustomerPhrases.Contains(text, phrases.Waiting.Stay);
        // The words to leave or stay decide over a yes or no beside them ("아니 그냥 취소할게요", "네 기다릴게요").
        return (answers, leaves, stays) switch
        {
            (_, true, false) => true,
            (_, false, true) => false,
            ([var answer], false, false) => answer,
            _ => null,
        };
    }

    public Task ResumeBotAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        bot.Value.ResumeAfterHandoffAsync(turnContext, cancellationToken);

    private Activity WithStanding(ResponseKey key, QueueStanding standing)
    {
        var message = scripts.Message(key);
        message.Text = $"{message.Text}\n\n{Standing(standing)}";
        message.SuggestedActions = CancelButton();
        return message;
    }

    /// <summary>Where the customer stands, said plainly: waiting for an agent, their place and the expected wait (or that it is answered later).</summary>
    private string Standing(QueueStanding standing) => standing switch
    {
        { OutOfHours: true } => scripts.Text(ResponseKeys.HandoffOutOfHours),
        { ExpectedWait: { } wait } => scripts.Text(ResponseKeys.HandoffStanding, ("position", standing.Position.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("minutes", ((int)Math.Ceiling(wait.TotalMinutes)).ToString(System.Globalization.CultureInfo.InvariantCulture))),
        _ => scripts.Text(ResponseKeys.HandoffStandingNoEstimate, ("position", standing.Position.ToString(System.Globalization.CultureInfo.InvariantCulture))),
    };

    private string Work(IReadOnlyList<HandoffReason> reasons) => string.Join(", ", reasons.Select(reason => scripts.Text(reason switch
    {
        HandoffReason.Refund => ResponseKeys.HandoffWorkRefund,
        HandoffReason.AttachmentReview => ResponseKeys.HandoffWorkAttachmentReview,
        _ => ResponseKeys.HandoffWorkOutboundCall,
    })));

    private SuggestedActions CancelButton() => new() { Actions = [CardAction.ImBack(scripts.Text(ResponseKeys.HandoffCancelButton))] };

    private static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c) && !char.IsPunctuation(c)));
}
