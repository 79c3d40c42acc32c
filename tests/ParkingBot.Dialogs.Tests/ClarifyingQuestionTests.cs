using ParkingBot.Dialogs.Tests.Infrastructure;
using ParkingBot.Testing;

namespace ParkingBot.Dialogs.Tests;

/// <summary>
/// A yes or no the learned classifier only leans to is not acted on and not answered with "예 또는 아니오로": the bot
/// restates what it understood ("호출 버튼이 있다는 말씀이시죠?"), and the customer's 네 keeps the guess, 아니요 turns
/// it. The bars are set so every learned yes or no is a guess (ReplySure above 1, ReplyClarify 0); the guesses
/// themselves are the trained model's.
/// </summary>
[Trait(TestClock.Trait, TestClock.Dated)]
public class ClarifyingQuestionTests
{
    private static readonly Dictionary<string, string?> EveryLearnedAnswerIsAGuess = new()
    {
        ["Recognizer:ReplySure"] = "1.01",
        ["Recognizer:ReplyClarify"] = "0",
    };

    // The season-pass customer at the exit of a partner lot, asked whether there is a call button.
    private static readonly string[] ToTheCallButtonQuestion =
        ["퇴근하려고 나가는데 종로 센트럴빌딩 주차장 차단기가 안 열려요 월주차 등록된 차인데 일반차량으로 찍혔나 봐요", "네 본인입니다"];

    private const string SeenAButton = "기둥 옆에 인터폰 달린 게 눈에 띄네요";
    private const string SeenNone = "아무리 둘러봐도 그런 건 하나도 안 달렸어요";

    private static async Task<List<string?>> LastRepliesAsync(IReadOnlyDictionary<string, string?>? settings, params string[] lines)
    {
        var client = BotFactory.Create(settings, userId: "season-user").Client;
        var replies = new List<string?>();
        foreach (var line in ToTheCallButtonQuestion.Concat(lines))
        {
            await client.UserSaysAsync(line);
            replies.Clear();
            while (client.GetNextReply() is { } reply)
            {
                replies.Add(reply.ResponseKey());
            }
        }
        return replies;
    }

    [Fact]
    public async Task The_customer_is_at_the_call_button_question()
    {
        Assert.Equal("season.askCallButton", (await LastRepliesAsync(null)).Last());
    }

    [Fact]
    public async Task A_guessed_yes_is_restated_and_a_yes_to_it_answers_as_a_plain_yes_would()
    {
        Assert.Equal(["clarify.callButton.yes"], await LastRepliesAsync(EveryLearnedAnswerIsAGuess, SeenAButton));

        Assert.Equal(await LastRepliesAsync(null, "있어요"), await LastRepliesAsync(EveryLearnedAnswerIsAGuess, SeenAButton, "네"));
    }

    [Fact]
    public async Task A_no_to_the_restated_guess_turns_it()
    {
        Assert.Equal(await LastRepliesAsync(null, "없어요"), await LastRepliesAsync(EveryLearnedAnswerIsAGuess, SeenAButton, "아니요"));
    }

    [Fact]
    public async Task A_guessed_no_is_restated_as_a_no()
    {
        Assert.Equal(["clarify.callButton.no"], await LastRepliesAsync(EveryLearnedAnswerIsAGuess, SeenNone));

        Assert.Equal(await LastRepliesAsync(null, "없어요"), await LastRepliesAsync(EveryLearnedAnswerIsAGuess, SeenNone, "네 맞아요"));
    }

    [Fact]
    public async Task Asked_again_after_help_the_question_is_its_own_again_and_a_yes_means_yes()
    {
        Assert.Equal(await LastRepliesAsync(null, "있어요"), await LastRepliesAsync(EveryLearnedAnswerIsAGuess, SeenNone, "도움말", "네", "네"));
    }

    [Fact]
    public async Task A_question_of_their_own_no_playbook_answers_is_told_so_honestly_with_a_person_offered_and_the_question_is_asked_again()
    {
        Assert.Equal(["question.notAnsweredHere", "season.askCallButton"], await LastRepliesAsync(null, "정기권 연장은 어디서 해요?"));
    }

    [Fact]
    public async Task A_reply_to_the_restated_guess_that_answers_the_question_itself_is_taken_for_what_it_says()
    {
        Assert.Equal(await LastRepliesAsync(null, "없어요"), await LastRepliesAsync(EveryLearnedAnswerIsAGuess, SeenAButton, "아 다시 보니 없어요"));
    }
}
