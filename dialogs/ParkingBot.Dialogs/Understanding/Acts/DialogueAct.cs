namespace ParkingBot.Dialogs.Understanding.Acts;

/// <summary>What the customer is doing with one message, whatever words they use (the interpreter's one decision).</summary>
public enum DialogueActKind
{
    /// <summary>Answers the question asked (or gives nothing else the bot acts on): the question takes it.</summary>
    Answer,

    /// <summary>Answers and says more the inquiry needs (a day, car, lot, time): remembered, then the question takes it.</summary>
    AnswerWithMore,

    /// <summary>Replaces a day, car or lot the usage was found by ("아 아니다 그제였어요"): looked up again.</summary>
    Correction,

    /// <summary>One of the playbook's follow-up questions ("보상은 없나요?"): answered, then the question is asked again.</summary>
    FollowUpQuestion,

    /// <summary>A new inquiry where one may start (after an answer, at "더 궁금하신 점").</summary>
    NewTopic,

    /// <summary>After a payment-timing answer, the same question about another lot ("강남역은요?").</summary>
    AnotherLot,

    /// <summary>Stop this inquiry: said plainly it ends now; only sounding like it, the bot asks first.</summary>
    Stop,

    /// <summary>A customer waiting for an agent who no longer wants to wait.</summary>
    StopWaiting,

    /// <summary>A person, please.</summary>
    AskForPerson,

    /// <summary>Back to the menu (처음으로).</summary>
    Restart,

    /// <summary>How does this work (도움말).</summary>
    Help,

    /// <summary>A rating or a comment at the satisfaction questions.</summary>
    RatingOrComment,

    /// <summary>A greeting or thanks that answers nothing: the question is asked again.</summary>
    SmallTalk,

    /// <summary>
    /// A question of the customer's own, asked instead of answering a yes/no question, that no playbook follow-up answers
    /// ("이 주차장 월 정기권도 팔아요?"): the bot says honestly it cannot answer it here, offers a person, and asks again.
    /// </summary>
    OtherQuestion,

    /// <summary>
    /// Probably a yes or a no, said in words the bot is not sure of: the question asks whether it understood
    /// ("호출 버튼이 있다는 말씀이시죠?"), and the customer's yes or no to that settles it.
    /// </summary>
    Clarify,

    /// <summary>Nothing the bot can place: the question's own retry.</summary>
    Unclear,
}

/// <summary>
/// One dialogue act: its kind, and for <see cref="DialogueActKind.FollowUpQuestion"/> which follow-up, for
/// <see cref="DialogueActKind.Stop"/> whether it was said plainly (<see cref="Sure"/>), for
/// <see cref="DialogueActKind.NewTopic"/> the topic.
/// </summary>
public sealed record DialogueAct(DialogueActKind Kind, string? FollowUp = null, bool Sure = true, string? TopicId = null)
{
    public static readonly DialogueAct Answer = new(DialogueActKind.Answer);
    public static readonly DialogueAct AnswerWithMore = new(DialogueActKind.AnswerWithMore);

    public override string ToString() => Kind switch
    {
        DialogueActKind.FollowUpQuestion => $"{Kind}({FollowUp})",
        DialogueActKind.Stop => Sure ? "Stop" : "Stop(ask first)",
        DialogueActKind.NewTopic => $"{Kind}({TopicId})",
        _ => Kind.ToString(),
    };
}
