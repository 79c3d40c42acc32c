using ParkingBot.Dialogs.Prompts;
using ParkingBot.Dialogs.Responses;
using ParkingBot.Testing;

namespace ParkingBot.Dialogs.Tests;

public class KoreanPromptOptionsTests
{
    private static readonly ResponseScripts Scripts =
        ResponseScripts.Load(Path.Combine(AppContext.BaseDirectory, ResponseScripts.DefaultFileName));

    [Fact]
    public void Every_korean_prompt_retries_with_an_example_answer()
    {
        var retries = new[]
        {
            KoreanPromptOptions.Date(Scripts, ResponseKeys.PaymentTimingAskLot).RetryPrompt,
            KoreanPromptOptions.Time(Scripts, ResponseKeys.PaymentTimingAskLot).RetryPrompt,
            KoreanPromptOptions.CarNumber(Scripts, ResponseKeys.PaymentTimingAskLot).RetryPrompt,
        };

        Assert.All(retries, retry => Assert.Contains("(예:", retry!.Text));
        Assert.Equal(["prompt.dateRetry", "prompt.timeRetry", "prompt.carNumberRetry"], retries.Select(r => r.ResponseKey()));
    }

    [Fact]
    public void A_yes_no_question_has_the_two_answers_as_choices()
    {
        var options = KoreanPromptOptions.YesNo(Scripts, ResponseKeys.ClosingAnythingElse);

        Assert.Equal(["예", "아니오"], options.Choices!.Select(c => c.Value));
        Assert.Equal("prompt.yesNoRetry", options.RetryPrompt.ResponseKey());
    }
}
