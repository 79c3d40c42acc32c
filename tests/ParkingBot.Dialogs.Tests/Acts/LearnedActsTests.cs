using ParkingBot.Dialogs.Understanding;
using ParkingBot.Dialogs.Understanding.Acts;

namespace ParkingBot.Dialogs.Tests.Acts;

/// <summary>What the interpreter does with the learned classifier's readings (the signals built by hand, so each rule shows).</summary>
public class LearnedActsTests
{
    private static readonly FlowSlots InATicketCase = new() { TopicId = "TicketNotApplied" };

    private static DialogueAct At(string expecting, TurnSignals signals) => TurnInterpreter.Interpret(signals, new TurnPlace(expecting, InATicketCase));

    [Fact]
    public void A_yes_or_no_only_leaned_to_at_a_yes_no_question_is_asked_about()
    {
        Assert.Equal(DialogueActKind.Clarify, At(Expecting.CallButton, new TurnSignals { Text = "기둥 옆에 뭐가 있긴 한데", UnsureAnswer = true }).Kind);
    }

    [Fact]
    public void A_sure_answer_is_an_answer_and_a_lean_is_nothing_at_a_question_yes_or_no_does_not_answer()
    {
        Assert.Equal(DialogueActKind.Answer, At(Expecting.CallButton, new TurnSignals { Text = "기둥 옆에 벨이 있네요", Answer = true }).Kind);
        Assert.NotEqual(DialogueActKind.Clarify, At(Expecting.UsageDate, new TurnSignals { Text = "글쎄요 언제였더라", UnsureAnswer = true }).Kind);
    }

    [Fact]
    public void A_question_that_answers_nothing_at_a_yes_no_question_is_a_question_of_their_own_but_not_at_a_closing_question()
    {
        Assert.Equal(DialogueActKind.OtherQuestion, At(Expecting.CallButton, new TurnSignals { Text = "정기권 연장은 어디서 해요?", AsksSomething = true }).Kind);
        Assert.Equal(DialogueActKind.Answer, At(Expecting.CallButton, new TurnSignals { Text = "있는데 눌러도 안 받으면요?", AsksSomething = true, Answer = true }).Kind);
        Assert.NotEqual(DialogueActKind.OtherQuestion, At(Expecting.AnythingElse, new TurnSignals { Text = "정기권 연장은 어디서 해요?", AsksSomething = true }).Kind);
    }

    [Fact]
    public void A_sure_wish_to_stop_inside_a_flow_is_a_stop_the_bot_asks_about_first()
    {
        var act = At(Expecting.PaidOnSite, new TurnSignals { Text = "회의 들어가야 해서 나중에 할게요", LearnedStop = true });

        Assert.Equal((DialogueActKind.Stop, false), (act.Kind, act.Sure));
    }

    [Fact]
    public void A_learned_stop_does_not_stop_a_message_that_answers_or_a_closing_question()
    {
        Assert.Equal(DialogueActKind.Answer, At(Expecting.PaidOnSite, new TurnSignals { Text = "안 냈어요 그냥 나중에 할게요", Answer = false, LearnedStop = true }).Kind);
        Assert.NotEqual(DialogueActKind.Stop, At(Expecting.AnythingElse, new TurnSignals { Text = "이제 그만할게요", Answer = false, LearnedStop = true }).Kind);
    }

    [Theory]
    [InlineData(true, false, 20, true)]
    [InlineData(true, true, 20, false)]
    [InlineData(true, false, 60, false)]
    [InlineData(false, false, 20, false)]
    public void Waiting_a_learned_wish_to_leave_leaves_only_when_short_and_nothing_says_stay(bool learnedLeave, bool saysStay, int letters, bool leaves)
    {
        var act = TurnInterpreter.WhileWaiting(new WaitingSignals(ButtonWords: false, SaysLeave: false, SaysStay: saysStay, Letters: letters, LearnedLeave: learnedLeave));

        Assert.Equal(leaves, act?.Kind == DialogueActKind.StopWaiting);
    }
}
