using ParkingBot.Language.Intents;

namespace ParkingBot.Dialogs.Understanding.Acts;

/// <summary>Where the conversation stands when a message comes: the question asked, and the inquiry so far.</summary>
public sealed record TurnPlace(string? Expecting, FlowSlots Known)
{
    /// <summary>The closing questions, where "그만" or "됐어요" answers no rather than stopping anything.</summary>
    public bool AtAClosingQuestion => Expecting is Understanding.Expecting.AnythingElse or Understanding.Expecting.ConfirmEnd
        or Understanding.Expecting.ContinueAfterHelp or Understanding.Expecting.Rating or Understanding.Expecting.Comment;

    /// <summary>A question inside a flow (not the menu, not a closing question).</summary>
    public bool InAFlow => Expecting is not (null or Understanding.Expecting.Topic) && !AtAClosingQuestion;
}

/// <summary>
/// The conversation policy of a running conversation: from what a message contains (<see cref="TurnSignals"/>) and where
/// the conversation stands (<see cref="TurnPlace"/>) to the one thing the customer is doing (<see cref="DialogueAct"/>).
/// A pure function, so it is tested as a table; <c>MainDialog</c> only carries the act out. In order: what works at any
/// question (a person, the menu, a plain stop), the playbook's follow-up questions, what the recognizer is sure
/// interrupts, a correction of what the usage was found by, a new inquiry where one may start, and otherwise an answer.
/// </summary>
public static class TurnInterpreter
{
    /// <summary>The topics whose flows look a usage up by day, car and lot (a correction of those looks it up again).</summary>
    public static readonly IReadOnlySet<string> TopicsThatLookUpAUsage = new HashSet<string>
    {
        "TicketNotApplied", "UnusedCharge", "DoublePayment", "ValetUnusedCharge", "ValetExitNotProcessed",
    };

    private const string PaymentTiming = "TicketPaymentTiming";

    public static DialogueAct Interpret(TurnSignals message, TurnPlace place)
    {
        if (message.AgentButton || message.SaysAgent && message.Intent == IntentNames.AgentRequest)
        {
            return new DialogueAct(DialogueActKind.AskForPerson);
        }
        if (message.SaysRestart)
        {
            return new DialogueAct(DialogueActKind.Restart);
        }
        if (message.SaysStop && !place.AtAClosingQuestion)
        {
            return new DialogueAct(DialogueActKind.Stop, Sure: true);
        }
        if (FollowUp(message, place) is { } followUp)
        {
            return new DialogueAct(DialogueActKind.FollowUpQuestion, FollowUp: followUp);
        }
        if (Interruption(message, place) is { } interruption)
        {
            return interruption;
        }
        if (place.Expecting is Expecting.Rating or Expecting.Comment)
        {
            return AtTheSatisfactionQuestions(message, place);
        }
        if (IsCorrection(message, place))
        {
            return new DialogueAct(DialogueActKind.Correction);
        }
        if (place.Expecting == Expecting.AnythingElse && AnotherInquiry(message, place) is { } another)
        {
            return another;
        }
        return AnAnswer(message, place);
    }

    /// <summary>
    /// A playbook follow-up of the inquiry's topic, asked at "더 궁금하신 점" or inside the flow where it answers nothing
    /// asked; a question that only carries a yes/no word ("보상은 없나요?" at "현장에서 결제하셨나요?") is still the question.
    /// </summary>
    private static string? FollowUp(TurnSignals message, TurnPlace place)
    {
        if (message.FollowUp is null)
        {
            return null;
        }
        var answersNothing = message.Answer is null || message.AsksSomething && !message.BareAnswer;
        return place.Expecting == Expecting.AnythingElse || place.InAFlow && answersNothing ? message.FollowUp : null;
    }

    /// <summary>
    /// A person asked for (unless the message answers the question and only sounds like it), or Cancel or Help said
    /// plainly by a message that answers nothing ("아니요 됐어요" and "호출버튼이 없는데요" are answers); inside a flow, a
    /// message the learned classifier is sure means to stop is a stop the bot asks about first.
    /// </summary>
    private static DialogueAct? Interruption(TurnSignals message, TurnPlace place)
    {
        var answers = message.Answer is not null || message.Carries;
        if (message.AsksHowToAnswer && message.Answer is null && !message.Carries)
        {
            return new DialogueAct(DialogueActKind.Help);
        }
        return message.InterruptingIntent switch
        {
            IntentNames.AgentRequest when message.Answer is null || message.SaysAgent => new DialogueAct(DialogueActKind.AskForPerson),
            IntentNames.Cancel when !answers && !place.AtAClosingQuestion => new DialogueAct(DialogueActKind.Stop, Sure: false),
            IntentNames.Help when !answers => new DialogueAct(DialogueActKind.Help),
            _ when message.LearnedStop && !answers && place.InAFlow => new DialogueAct(DialogueActKind.Stop, Sure: false),
            _ => null,
        };
    }

    /// <summary>
    /// At the rating a score or a skip is the answer, whatever topic its words resemble ("패스", "다섯 점이요"). A remark
    /// on the service is no new inquiry: at the rating or the comment, only a message that opens a new case (it asks, or
    /// brings a day, car or lot, or names a product of another topic without remarking on the service, about a topic the
    /// recognizer is sure of: "근데 정기권도 안 먹혀요" after a ticket) starts one; a thank-you that names a product ("발레 잘 쓰고 있어요 감사해요"), or a
    /// complaint about the case just handled ("처음부터 제대로 됐으면 이럴 일도 없잖아요"), does not.
    /// </summary>
    private static DialogueAct AtTheSatisfactionQuestions(TurnSignals message, TurnPlace place)
    {
        if (place.Expecting == Expecting.Rating && message.GivesRating)
        {
            return new DialogueAct(DialogueActKind.RatingOrComment);
        }
        var aboutAnotherProblem = message.NamesAProduct && message.TopicNamed != place.Known.TopicId;
        var mayStartOne = !message.BareAnswer && (message.AsksSomething || (message.Carries || aboutAnotherProblem) && !message.Remark);
        return mayStartOne && AnotherInquiry(message, place) is { } another ? another : new DialogueAct(DialogueActKind.RatingOrComment);
    }

    /// <summary>A new day, car or lot once the usage was found, in a flow that looks it up by them.</summary>
    private static bool IsCorrection(TurnSignals message, TurnPlace place) =>
        place.Expecting is { } expecting && Expecting.AfterUsageLookup.Contains(expecting)
        && place.Known.TopicId is { } topic && TopicsThatLookUpAUsage.Contains(topic)
        && SlotMemory.Changes(place.Known, message.Said).ChangesTheUsage;

    /// <summary>
    /// At "더 궁금하신 점" (or the satisfaction questions): another lot after a payment-timing answer, or a topic the recognizer
    /// is sure of, unless the message closes on its answer and brings no new case ("…더 문의할 건 없어요"; but "지난주 신촌에서
    /// 2천원 결제됐는데 간 적 없어요" is a new case) or is a bare yes or no.
    /// </summary>
    private static DialogueAct? AnotherInquiry(TurnSignals message, TurnPlace place)
    {
        if (message.Said.Lot is not null && message.MostlyALot && place.Known.TopicId == PaymentTiming)
        {
            return new DialogueAct(DialogueActKind.AnotherLot, TopicId: PaymentTiming);
        }
        if (message.EndsWithAnswer && !message.Carries || message.BareAnswer || message.TopicNamed is not { } topic)
        {
            return null;
        }
        return new DialogueAct(DialogueActKind.NewTopic, TopicId: topic);
    }

    /// <summary>
    /// A message from a customer waiting for an agent: the 상담 취소 button, or a short message that says they will not
    /// wait ("됐어요 그만 기다릴래요": its words to leave hold "기다릴래", a word to stay, and win; or words the learned
    /// classifier is sure say so and no word to stay), stops waiting; anything else is for the agent (null), so a
    /// long account that happens to contain 취소 ("예약 취소됐는데요…") reaches the agent.
    /// </summary>
    public static DialogueAct? WhileWaiting(WaitingSignals message) =>
        message.ButtonWords || (message.SaysLeave || message.LearnedLeave && !message.SaysStay) && message.Letters <= WaitingSignals.ShortMessage
            ? new DialogueAct(DialogueActKind.StopWaiting)
            : null;

    /// <summary>
    /// An answer, with more when the message also gives a day, car, lot or time the question did not ask for and the
    /// inquiry does not hold yet ("네 어제 강남역이요" at 본인확인); "어제요" at the day question is the answer itself.
    /// </summary>
    /// <summary>Whether <paramref name="said"/> holds a slot besides the ones <paramref name="expecting"/> asks for.</summary>
    private static bool CarriesMore(MessageSlots said, string? expecting)
    {
        var asked = expecting switch
        {
            Expecting.UsageDate => new[] { nameof(MessageSlots.UsageDate) },
            Expecting.EntryTime => [nameof(MessageSlots.EntryTime), nameof(MessageSlots.UsageDate)],
            Expecting.PlannedExit or Expecting.ImmediateExit or Expecting.LeavingNow => [nameof(MessageSlots.PlannedExit)],
            Expecting.Lot or Expecting.LotChoice => [nameof(MessageSlots.Lot)],
            Expecting.UsageChoice => [nameof(MessageSlots.Lot), nameof(MessageSlots.EntryTime), nameof(MessageSlots.CarNumber)],
            Expecting.CarConfirm => [],
            _ => [],
        };
        return said.UsageDate is not null && !asked.Contains(nameof(MessageSlots.UsageDate))
            || said.EntryTime is not null && !asked.Contains(nameof(MessageSlots.EntryTime))
            || said.PlannedExit is not null && !asked.Contains(nameof(MessageSlots.PlannedExit))
            || said.Lot is not null && !asked.Contains(nameof(MessageSlots.Lot))
            || said.CarNumber is not null && !asked.Contains(nameof(MessageSlots.CarNumber));
    }

    private static DialogueAct AnAnswer(TurnSignals message, TurnPlace place) =>
        message.Answer is not null || message.Carries ? (CarriesMore(message.Said.Beyond(place.Known), place.Expecting) ? DialogueAct.AnswerWithMore : DialogueAct.Answer)
        : message.Pleasantry ? new DialogueAct(DialogueActKind.SmallTalk)
        : message.UnsureAnswer is not null && YesNoQuestions.Contains(place.Expecting ?? "") ? new DialogueAct(DialogueActKind.Clarify)
        : message.AsksSomething && YesNoQuestions.Contains(place.Expecting ?? "") && !place.AtAClosingQuestion ? new DialogueAct(DialogueActKind.OtherQuestion)
        : !message.Text.Any(IsSyllable) || YesNoQuestions.Contains(place.Expecting ?? "") && message.Intent is null or IntentNames.None ? new DialogueAct(DialogueActKind.Unclear)
        : DialogueAct.Answer;

    /// <summary>The questions answered by yes or no: a message that gives neither there is unclear.</summary>
    private static readonly IReadOnlySet<string> YesNoQuestions = new HashSet<string>
    {
        Expecting.Identity, Expecting.UsageConfirm, Expecting.CarConfirm, Expecting.ImmediateExit, Expecting.LeavingNow, Expecting.CallButton,
        Expecting.PaidOnSite, Expecting.AnythingElse, Expecting.ConfirmEnd, Expecting.ContinueAfterHelp, Expecting.LotCheckConsent,
    };

    private static bool IsSyllable(char c) => c is >= '가' and <= '힣' || char.IsAsciiDigit(c);
}
