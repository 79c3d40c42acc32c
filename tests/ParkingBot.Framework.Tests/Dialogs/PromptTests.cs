using ParkingBot.Framework.Dialogs;
using ParkingBot.Framework.Dialogs.Prompts;
using ParkingBot.Framework.Schema;
using ParkingBot.Testing;

namespace ParkingBot.Framework.Tests.Dialogs;

public class PromptTests
{
    /// <summary>Runs one prompt and reports its result as a message "result:{value}".</summary>
    private sealed class Asker<T> : ComponentDialog
    {
        public Asker(Dialog prompt, PromptOptions options, Func<T, string> show) : base("asker")
        {
            AddDialog(new WaterfallDialog<NoOptions, NoValues>("ask",
            [
                (step, ct) => step.PromptAsync(prompt.Id, options, ct),
                async (step, ct) =>
                {
                    await step.Context.SendActivityAsync("result:" + show(step.GetResult<T>()), cancellationToken: ct);
                    return await step.EndDialogAsync(null, ct);
                },
            ]));
            AddDialog(prompt);
        }
    }

    private sealed class NoOptions;

    private sealed class NoValues;

    private static PromptOptions Ask(string text, string? retry = null, List<Choice>? choices = null) => new()
    {
        Prompt = Activity.CreateMessageActivity(text),
        RetryPrompt = retry is null ? null : Activity.CreateMessageActivity(retry),
        Choices = choices,
    };

    private static readonly List<Choice> Lots = [new("gangnam") { Title = "강남역 공영주차장" }, new("coex", "코엑스", "무역센터") { Title = "코엑스 주차장" }, new("seoul") { Title = "서울역 주차장" }];

    [Theory]
    [InlineData("강남역 공영주차장", "gangnam")]
    [InlineData("  강남역공영주차장 ", "gangnam")]
    [InlineData("coex", "coex")]
    [InlineData("무역센터", "coex")]
    [InlineData("3", "seoul")]
    [InlineData("2번", "coex")]
    [InlineData("서울역 주차장이요", "seoul")]
    public async Task A_choice_is_found_by_title_value_synonym_number_or_inside_a_sentence(string said, string value)
    {
        var client = new DialogTestClient(new DialogTestBot(new Asker<FoundChoice>(new ChoicePrompt("choice"), Ask("어느 주차장인가요?", choices: Lots), c => c.Value)));

        var prompt = await client.SendActivityAsync("start");
        var result = await client.SendActivityAsync(said);

        Assert.Equal(["강남역 공영주차장", "코엑스 주차장", "서울역 주차장"], prompt.SuggestedActionTitles());
        Assert.Equal(InputHints.ExpectingInput, prompt!.InputHint);
        Assert.Equal($"result:{value}", result!.Text);
    }

    [Theory]
    [InlineData("4")]
    [InlineData("부산역")]
    [InlineData("")]
    public async Task An_answer_that_is_no_choice_gets_the_retry_prompt_with_the_choices_again(string said)
    {
        var client = new DialogTestClient(new DialogTestBot(new Asker<FoundChoice>(new ChoicePrompt("choice"), Ask("어느 주차장인가요?", "목록에서 골라 주세요", Lots), c => c.Value)));
        await client.SendActivityAsync("start");

        var retry = await client.SendActivityAsync(said);

        Assert.Equal("목록에서 골라 주세요", retry!.Text);
        Assert.Equal(3, retry.SuggestedActionTitles().Count);
    }

    [Fact]
    public async Task A_validator_sees_the_attempt_count_and_can_answer_itself()
    {
        var attempts = new List<int>();
        var prompt = new NumberPrompt<int>("number", async (context, ct) =>
        {
            attempts.Add(context.AttemptCount);
            if (context.Recognized.Succeeded && context.Recognized.Value > 0)
            {
                return true;
            }
            if (context.AttemptCount >= 2)
            {
                await context.Context.SendActivityAsync("상담원을 연결해 드릴까요?", cancellationToken: ct);
            }
            return false;
        });
        var client = new DialogTestClient(new DialogTestBot(new Asker<int>(prompt, Ask("몇 번?", "숫자로 말씀해 주세요"), n => n.ToString())));
        await client.SendActivityAsync("start");

        Assert.Equal("숫자로 말씀해 주세요", (await client.SendActivityAsync("모르겠어요"))!.Text);
        Assert.Equal("상담원을 연결해 드릴까요?", (await client.SendActivityAsync("-3"))!.Text);
        Assert.Null(client.GetNextReply());
        Assert.Equal("result:12000", (await client.SendActivityAsync("12,000원이요"))!.Text);
        Assert.Equal([1, 2, 3], attempts);
    }

    [Fact]
    public async Task The_confirm_prompt_shows_its_labels_and_uses_the_plugged_in_recognizer()
    {
        var prompt = new ConfirmPrompt("confirm", recognizer: new WordRecognizer());
        var client = new DialogTestClient(new DialogTestBot(new Asker<bool>(prompt, Ask("맞으신가요?", "예 또는 아니오로 답해 주세요", [new("예"), new("아니오")]), b => b.ToString())));

        var asked = await client.SendActivityAsync("start");
        Assert.Equal(["예", "아니오"], asked.SuggestedActionTitles());
        Assert.Equal("예 또는 아니오로 답해 주세요", (await client.SendActivityAsync("글쎄요"))!.Text);
        Assert.Equal("result:False", (await client.SendActivityAsync("아닌데요"))!.Text);
    }

    [Fact]
    public async Task The_confirm_prompt_takes_its_labels_and_does_not_find_yes_inside_other_words()
    {
        var client = new DialogTestClient(new DialogTestBot(new Asker<bool>(new ConfirmPrompt("confirm"), Ask("맞으신가요?", "다시요", [new("예"), new("아니오")]), b => b.ToString())));
        await client.SendActivityAsync("start");

        Assert.Equal("다시요", (await client.SendActivityAsync("예약했어요"))!.Text);
        Assert.Equal("result:True", (await client.SendActivityAsync("예"))!.Text);
    }

    [Fact]
    public async Task The_attachment_prompt_waits_for_a_message_with_files()
    {
        var client = new DialogTestClient(new DialogTestBot(new Asker<IReadOnlyList<Attachment>>(new AttachmentPrompt("files"), Ask("영수증을 첨부해 주세요", "사진을 첨부해 주세요"), a => a[0].Name!)));
        await client.SendActivityAsync("start");

        Assert.Equal("사진을 첨부해 주세요", (await client.SendActivityAsync("지금 없어요"))!.Text);
        var message = Activity.CreateMessageActivity();
        message.Attachments = [new Attachment { ContentType = "image/jpeg", ContentUrl = "https://files.invalid/r.jpg", Name = "receipt.jpg" }];
        Assert.Equal("result:receipt.jpg", (await client.SendActivityAsync(message))!.Text);
    }

    private sealed class WordRecognizer : IConfirmRecognizer
    {
        public bool? Recognize(string? text, string? locale) => text switch
        {
            "맞아요" => true,
            "아닌데요" => false,
            _ => null,
        };
    }
}
