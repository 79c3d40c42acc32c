namespace ParkingBot.Dialogs.Understanding.Acts;

/// <summary>
/// What one message contains, read once by <see cref="TurnReader"/>: everything <see cref="TurnInterpreter"/> decides on,
/// so the decision needs no recognizer, store or clock.
/// </summary>
public sealed record TurnSignals
{
    public string Text { get; init; } = "";

    /// <summary>The intent the recognizer is sure of (its threshold passed), or null.</summary>
    public string? Intent { get; init; }

    /// <summary>The intent the recognizer is sure enough of to interrupt a question (a much higher bar), or null.</summary>
    public string? InterruptingIntent { get; init; }

    /// <summary>The flow the message names with confidence (an intent with a dialog), or null.</summary>
    public string? TopicNamed { get; init; }

    /// <summary>Yes or no to the question asked, or null.</summary>
    public bool? Answer { get; init; }

    /// <summary>
    /// The yes or no the learned classifier leans to where nothing else answers, not sure enough to act on: the bot asks
    /// whether it understood. Null when it has no such guess.
    /// </summary>
    public bool? UnsureAnswer { get; init; }

    /// <summary>The learned classifier is sure the message means to drop the inquiry ("됐어요 나중에 다시 할게요").</summary>
    public bool LearnedStop { get; init; }

    /// <summary>The yes or no is the whole message, near enough ("네네 맞아요").</summary>
    public bool BareAnswer { get; init; }

    /// <summary>The yes or no closes the message ("…더 문의할 건 없어요").</summary>
    public bool EndsWithAnswer { get; init; }

    /// <summary>The slots the message carries, read against the question asked.</summary>
    public MessageSlots Said { get; init; } = MessageSlots.None;

    /// <summary>The playbook follow-up question the message asks (for the inquiry's topic), or null.</summary>
    public string? FollowUp { get; init; }

    /// <summary>The message is a question ("…나요?", "…어떻게 돼요").</summary>
    public bool AsksSomething { get; init; }

    /// <summary>The 상담원 연결 button (its words and nothing else).</summary>
    public bool AgentButton { get; init; }

    /// <summary>Words that ask for a person ("상담원", "사람이랑").</summary>
    public bool SaysAgent { get; init; }

    /// <summary>Words that go back to the menu (처음으로).</summary>
    public bool SaysRestart { get; init; }

    /// <summary>Words that stop the inquiry plainly (그만할게요).</summary>
    public bool SaysStop { get; init; }

    /// <summary>A rating (1-5) or declining to rate, in words the satisfaction question reads.</summary>
    public bool GivesRating { get; init; }

    /// <summary>The lot is most of the message ("강남역 공영주차장은요?").</summary>
    public bool MostlyALot { get; init; }

    /// <summary>Asks how to answer the question asked ("뭐라고 대답해야 돼요?").</summary>
    public bool AsksHowToAnswer { get; init; }

    /// <summary>A remark on the service ("친절하시네요", "잘 쓰고 있어요").</summary>
    public bool Remark { get; init; }

    /// <summary>Names a product some topics are about (발레, 정기권, 모두의주차장…).</summary>
    public bool NamesAProduct { get; init; }

    /// <summary>A greeting or thanks.</summary>
    public bool Pleasantry { get; init; }

    /// <summary>Whether the message gives a day, time, car or lot.</summary>
    public bool Carries => Said.CarriesAny;
}

/// <summary>What a message from a customer waiting for an agent contains.</summary>
/// <param name="ButtonWords">The 상담 취소 button's words, alone or with a short ending (상담 취소할게요).</param>
/// <param name="SaysLeave">Words that leave the queue (phrases.ko.yaml waiting.leave).</param>
/// <param name="SaysStay">Words that go on waiting (waiting.stay).</param>
/// <param name="Letters">How long the message is, in letters.</param>
/// <param name="LearnedLeave">The learned classifier is sure the message says they will not wait.</param>
public sealed record WaitingSignals(bool ButtonWords, bool SaysLeave, bool SaysStay, int Letters, bool LearnedLeave = false)
{
    /// <summary>The longest message that is only about waiting; a longer one tells the agent something.</summary>
    public const int ShortMessage = 40;
}
