using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Dialogs;
using ParkingBot.Framework.Dialogs.Prompts;
using ParkingBot.Framework.Schema;
using ParkingBot.Framework.Storage;
using ParkingBot.Language.Prompts;
using ParkingBot.Language.Recognizers;
using ParkingBot.Testing;

namespace ParkingBot.Language.Tests;

public class PromptTests
{
    private static readonly KoreanEntityRecognizer Recognizer = new();

    /// <summary>Friday 2026-11-20, 15:00 in Korea.</summary>
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.FromHours(9)));

    [Theory]
    [InlineData("어제요", "2026-11-19")]
    [InlineData("지난주 금요일이었어요", "2026-11-13")]
    [InlineData("11월 3일 오후 2시쯤", "2026-11-03")]
    public async Task The_date_prompt_reads_korean_dates(string said, string expected)
    {
        var client = Client(new DatePrompt("date", Recognizer, Clock), d => d.ToString("yyyy-MM-dd"));
        await client.SendActivityAsync("start");

        Assert.Equal("result:" + expected, (await client.SendActivityAsync(said))!.Text);
    }

    [Theory]
    [InlineData(TimeDirection.Past, "2시쯤 들어갔어요", "2026-11-20 14:00~")]
    [InlineData(TimeDirection.Past, "9시", "2026-11-20 09:00")]
    [InlineData(TimeDirection.Future, "6시에 나갈 거예요", "2026-11-20 18:00")]
    [InlineData(TimeDirection.Future, "오전 9시", "2026-11-21 09:00")]
    [InlineData(TimeDirection.Future, "내일 아침 9시에 뺄 거예요", "2026-11-21 09:00")]
    [InlineData(TimeDirection.Future, "오늘 밤 11시", "2026-11-20 23:00")]
    [InlineData(TimeDirection.Future, "새벽 2시쯤", "2026-11-21 02:00~")]
    [InlineData(TimeDirection.Past, "어제 밤 11시", "2026-11-19 23:00")]
    public async Task The_time_prompt_keeps_the_day_and_picks_the_candidate_on_the_asked_side_of_now(TimeDirection direction, string said, string expected)
    {
        var client = Client(new TimePrompt("time", direction, Recognizer, Clock), t => t.Moment.ToString("yyyy-MM-dd HH:mm") + (t.Approximate ? "~" : ""));
        await client.SendActivityAsync("start");

        Assert.Equal("result:" + expected, (await client.SendActivityAsync(said))!.Text);
    }

    [Fact]
    public async Task The_car_number_prompt_normalizes_and_retries_on_an_incomplete_plate()
    {
        var client = Client(new CarNumberPrompt("car", Recognizer), p => $"{p.Plate}/{p.Use}");
        await client.SendActivityAsync("start");

        Assert.Equal("retry", (await client.SendActivityAsync("12가 34"))!.Text);
        Assert.Equal("result:12하3456/Rental", (await client.SendActivityAsync("렌트카라서 12 하 3456 이에요"))!.Text);
    }

    [Fact]
    public async Task The_customer_clock_wins_over_the_server_clock()
    {
        var client = Client(new DatePrompt("date", Recognizer, Clock), d => d.ToString("yyyy-MM-dd"));
        await client.SendActivityAsync("start");
        var message = Activity.CreateMessageActivity("어제");
        message.LocalTimestamp = new DateTimeOffset(2026, 11, 21, 0, 30, 0, TimeSpan.FromHours(9));

        Assert.Equal("result:2026-11-20", (await client.SendActivityAsync(message))!.Text);
    }

    private static DialogTestClient Client<T>(Prompt<T> prompt, Func<T, string> show) =>
        new(new PromptBot<T>(prompt, show));

    private sealed class PromptBot<T>(Prompt<T> prompt, Func<T, string> show) : IBot
    {
        private readonly ConversationState _state = new(new MemoryStorage());
        private readonly Dialog _root = new Asker(prompt, show);

        public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            await _root.RunAsync(turnContext, _state.CreateProperty<DialogState>("dialog"), cancellationToken);
            await _state.SaveChangesAsync(turnContext, cancellationToken: cancellationToken);
        }

        private sealed class Asker : ComponentDialog
        {
            public Asker(Prompt<T> prompt, Func<T, string> show) : base("asker")
            {
                AddDialog(new WaterfallDialog<Empty, Empty>("ask",
                [
                    (step, ct) => step.PromptAsync(prompt.Id, new PromptOptions { Prompt = Activity.CreateMessageActivity("ask"), RetryPrompt = Activity.CreateMessageActivity("retry") }, ct),
                    async (step, ct) =>
                    {
                        await step.Context.SendActivityAsync("result:" + show(step.GetResult<T>()), cancellationToken: ct);
                        return await step.EndDialogAsync(null, ct);
                    },
                ]));
                AddDialog(prompt);
            }
        }
    }

    private sealed class Empty;

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
