using System.Text.Json.Nodes;
using ParkingBot.Framework.Dialogs;
using ParkingBot.Framework.Dialogs.Prompts;
using ParkingBot.Framework.Schema;
using ParkingBot.Framework.Storage;
using ParkingBot.Testing;

namespace ParkingBot.Framework.Tests.Dialogs;

/// <summary>
/// A conversation saved by one release and continued by the next, whose waterfall has other steps: it is never resumed by
/// position; it starts again and the customer is asked only what they did not answer yet.
/// </summary>
public class WaterfallReleaseTests
{
    private const string Key = "test/conversations/test-conversation";

    private sealed class Answers
    {
        public string? Asked { get; set; }
        public Dictionary<string, string> Heard { get; set; } = [];
    }

    /// <summary>A survey whose steps a release can insert, reorder, remove; every question says a line before asking.</summary>
    private sealed class Survey : ComponentDialog
    {
        public Survey(string[] steps, string agePrompt = "age", bool failAtCity = false) : base(nameof(Survey))
        {
            _agePrompt = agePrompt;
            _failAtCity = failAtCity;
            var byName = new Dictionary<string, WaterfallStep<object, Answers>>
            {
                ["name"] = AskNameAsync, ["age"] = AskAgeAsync, ["city"] = AskCityAsync, ["summary"] = SummarizeAsync,
            };
            AddDialog(new WaterfallDialog<object, Answers>("survey", [.. steps.Select(s => byName[s])]));
            AddDialog(new TextPrompt("name"));
            AddDialog(new TextPrompt(agePrompt));
            AddDialog(new TextPrompt("city"));
        }

        private readonly string _agePrompt;
        private readonly bool _failAtCity;

        private static Task<DialogTurnResult> AskNameAsync(WaterfallStepContext<object, Answers> step, CancellationToken ct) => AskAsync(step, "name", "name", ct);

        private Task<DialogTurnResult> AskAgeAsync(WaterfallStepContext<object, Answers> step, CancellationToken ct) => AskAsync(step, "age", _agePrompt, ct);

        private Task<DialogTurnResult> AskCityAsync(WaterfallStepContext<object, Answers> step, CancellationToken ct) =>
            _failAtCity ? throw new InvalidOperationException("the backend is down") : AskAsync(step, "city", "city", ct);

        private static async Task<DialogTurnResult> AskAsync(WaterfallStepContext<object, Answers> step, string question, string prompt, CancellationToken ct)
        {
            Heard(step);
            await step.Context.SendActivityAsync($"about your {question}", cancellationToken: ct);
            step.Values.Asked = question;
            return await step.PromptAsync(prompt, new PromptOptions { Prompt = Activity.CreateMessageActivity($"{question}?") }, ct);
        }

        private static async Task<DialogTurnResult> SummarizeAsync(WaterfallStepContext<object, Answers> step, CancellationToken ct)
        {
            Heard(step);
            await step.Context.SendActivityAsync(string.Join(",", step.Values.Heard.OrderBy(h => h.Key).Select(h => $"{h.Key}={h.Value}")), cancellationToken: ct);
            return await step.EndDialogAsync(null, ct);
        }

        private static void Heard(WaterfallStepContext<object, Answers> step)
        {
            if (step.Values.Asked is { } asked && step.Result is string answer)
            {
                step.Values.Heard[asked] = answer;
            }
        }
    }

    private static async Task<List<string>> SayAsync(DialogTestClient client, string text)
    {
        await client.UserSaysAsync(text);
        var replies = new List<string>();
        while (client.GetNextReply() is { } reply)
        {
            replies.Add(reply.Text!);
        }
        return replies;
    }

    /// <summary>Runs the first release up to the age question (name answered), then hands the same storage to the next release.</summary>
    private static async Task<DialogTestClient> SavedAtTheAgeQuestionAsync(MemoryStorage storage)
    {
        var before = new DialogTestClient(new DialogTestBot(new Survey(["name", "age", "summary"]), storage));
        Assert.Equal(["about your name", "name?"], await SayAsync(before, "start"));
        Assert.Equal(["about your age", "age?"], await SayAsync(before, "Kim"));
        return before;
    }

    [Fact]
    public async Task A_step_inserted_before_the_question_is_asked_and_nothing_answered_is_asked_again()
    {
        var storage = new MemoryStorage();
        await SavedAtTheAgeQuestionAsync(storage);
        var after = new DialogTestClient(new DialogTestBot(new Survey(["name", "city", "age", "summary"]), storage));

        Assert.Equal(["about your city", "city?"], await SayAsync(after, "40"));
        Assert.Equal(["age=40,city=Seoul,name=Kim"], await SayAsync(after, "Seoul"));
    }

    [Fact]
    public async Task Reordered_steps_go_on_from_the_answers_without_repeating_what_was_said()
    {
        var storage = new MemoryStorage();
        await SavedAtTheAgeQuestionAsync(storage);
        var after = new DialogTestClient(new DialogTestBot(new Survey(["age", "name", "summary"]), storage));

        Assert.Equal(["age=40,name=Kim"], await SayAsync(after, "40"));
    }

    [Fact]
    public async Task A_removed_step_drops_its_answer_and_the_flow_ends_as_the_new_release_says()
    {
        var storage = new MemoryStorage();
        await SavedAtTheAgeQuestionAsync(storage);
        var after = new DialogTestClient(new DialogTestBot(new Survey(["name", "city", "summary"]), storage));

        Assert.Equal(["about your city", "city?"], await SayAsync(after, "40"));
        Assert.Equal(["city=Seoul,name=Kim"], await SayAsync(after, "Seoul"));
    }

    [Fact]
    public async Task The_same_steps_resume_where_they_stopped_without_a_restart()
    {
        var storage = new MemoryStorage();
        string[] steps = ["name", "age", "city", "summary"];
        var before = new DialogTestClient(new DialogTestBot(new Survey(steps), storage));
        await SayAsync(before, "start");
        await SayAsync(before, "Kim");
        var after = new DialogTestClient(new DialogTestBot(new Survey(steps), storage));

        Assert.Equal(["about your city", "city?"], await SayAsync(after, "40"));
        var waterfall = await WaterfallStateAsync(storage);
        Assert.Null(waterfall["replay"]);
        Assert.Equal("AskCityAsync", (string?)waterfall["step"]);
        Assert.Equal(["name", "age"], waterfall["answers"]!.AsArray().Select(a => (string?)a!["dialog"]));
    }

    [Fact]
    public async Task State_from_before_step_names_resumes_at_its_step_index()
    {
        var storage = new MemoryStorage();
        await SavedAtTheAgeQuestionAsync(storage);
        await EditWaterfallStateAsync(storage, state =>
        {
            state.Remove("step");
            state.Remove("version");
            state.Remove("answers");
            state.Remove("pending");
            state["stepIndex"] = 1;
        });
        var after = new DialogTestClient(new DialogTestBot(new Survey(["name", "age", "summary"]), storage));

        Assert.Equal(["age=40,name=Kim"], await SayAsync(after, "40"));
    }

    [Fact]
    public async Task A_prompt_the_release_renamed_is_asked_again_under_its_new_name()
    {
        var storage = new MemoryStorage();
        await SavedAtTheAgeQuestionAsync(storage);
        var after = new DialogTestClient(new DialogTestBot(new Survey(["name", "age", "summary"], agePrompt: "years"), storage));

        Assert.Equal(["about your age", "age?"], await SayAsync(after, "40"));
        Assert.Equal(["age=41,name=Kim"], await SayAsync(after, "41"));
    }

    [Fact]
    public async Task A_root_dialog_the_release_removed_starts_the_conversation_again_instead_of_failing()
    {
        var storage = new MemoryStorage();
        await SavedAtTheAgeQuestionAsync(storage);
        var document = (await storage.ReadAsync([Key]))[Key];
        document.Document["DialogState"]!["dialogStack"]![0]!["id"] = "RetiredSurvey";
        await storage.WriteAsync(new Dictionary<string, StoreItem> { [Key] = document });
        var after = new DialogTestClient(new DialogTestBot(new Survey(["name", "age", "summary"]), storage));

        Assert.Equal(["about your name", "name?"], await SayAsync(after, "hello"));
    }

    [Fact]
    public async Task An_answer_that_no_longer_reads_as_its_type_is_asked_again()
    {
        var storage = new MemoryStorage();
        await SavedAtTheAgeQuestionAsync(storage);
        await EditWaterfallStateAsync(storage, state => state["answers"]![0]!["type"] = "No.Such.Type, NoSuchAssembly");
        var after = new DialogTestClient(new DialogTestBot(new Survey(["name", "city", "age", "summary"]), storage));

        Assert.Equal(["about your name", "name?"], await SayAsync(after, "40"));
        Assert.Equal(["about your city", "city?"], await SayAsync(after, "Lee"));
        Assert.Equal(["age=40,city=Seoul,name=Lee"], await SayAsync(after, "Seoul"));
    }

    [Fact]
    public async Task A_step_that_fails_during_a_replay_lets_the_turn_error_handler_answer()
    {
        var storage = new MemoryStorage();
        await SavedAtTheAgeQuestionAsync(storage);
        var apologies = 0;
        var after = new DialogTestClient(new DialogTestBot(new Survey(["name", "city", "age", "summary"], failAtCity: true), storage),
            new Apologizing(() => apologies++));

        Assert.Equal(["sorry"], await SayAsync(after, "40"));
        Assert.Equal(1, apologies);
    }

    private sealed class Apologizing(Action counted) : Framework.Builder.IBotErrorHandler
    {
        public async Task OnTurnErrorAsync(Framework.Builder.ITurnContext turnContext, Exception exception)
        {
            counted();
            await turnContext.SendActivityAsync("sorry");
        }
    }

    [Fact]
    public void A_waterfall_that_uses_one_step_method_twice_is_refused()
    {
        WaterfallStep<object, Answers> step = (s, ct) => s.EndDialogAsync(null, ct);

        Assert.Throws<ArgumentException>(() => new WaterfallDialog<object, Answers>("twice", [step, step]));
    }

    private static async Task<JsonObject> WaterfallStateAsync(MemoryStorage storage)
    {
        var document = (await storage.ReadAsync([Key]))[Key].Document;
        var inner = (JsonArray)document["DialogState"]!["dialogStack"]![0]!["state"]!["dialogs"]!;
        return (JsonObject)inner.Single(entry => (string?)entry!["id"] == "survey")!["state"]!;
    }

    private static async Task EditWaterfallStateAsync(MemoryStorage storage, Action<JsonObject> edit)
    {
        var item = (await storage.ReadAsync([Key]))[Key];
        var inner = (JsonArray)item.Document["DialogState"]!["dialogStack"]![0]!["state"]!["dialogs"]!;
        edit((JsonObject)inner.Single(entry => (string?)entry!["id"] == "survey")!["state"]!);
        await storage.WriteAsync(new Dictionary<string, StoreItem> { [Key] = item });
    }
}
