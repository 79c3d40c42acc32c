using ParkingBot.Framework.Dialogs;
using ParkingBot.Framework.Dialogs.Prompts;
using ParkingBot.Framework.Schema;
using ParkingBot.Framework.Storage;
using ParkingBot.Testing;

namespace ParkingBot.Framework.Tests.Dialogs;

public class WaterfallDialogTests
{
    private sealed class Options
    {
        public string Greeting { get; set; } = "hello";
    }

    private sealed class Values
    {
        public List<string> Heard { get; set; } = [];
    }

    /// <summary>Asks two things, remembers them in step values, and ends with both.</summary>
    private sealed class TwoQuestions : ComponentDialog
    {
        public TwoQuestions() : base(nameof(TwoQuestions))
        {
            AddDialog(new WaterfallDialog<Options, Values>("flow", [AskFirstAsync, AskSecondAsync, SummarizeAsync]));
            AddDialog(new TextPrompt("text"));
        }

        private static Task<DialogTurnResult> AskFirstAsync(WaterfallStepContext<Options, Values> step, CancellationToken ct) =>
            step.PromptAsync("text", new PromptOptions { Prompt = Activity.CreateMessageActivity($"{step.Options.Greeting}: first?") }, ct);

        private static Task<DialogTurnResult> AskSecondAsync(WaterfallStepContext<Options, Values> step, CancellationToken ct)
        {
            step.Values.Heard.Add(step.GetResult<string>());
            return step.PromptAsync("text", new PromptOptions { Prompt = Activity.CreateMessageActivity("second?") }, ct);
        }

        private static async Task<DialogTurnResult> SummarizeAsync(WaterfallStepContext<Options, Values> step, CancellationToken ct)
        {
            step.Values.Heard.Add(step.GetResult<string>());
            await step.Context.SendActivityAsync(string.Join("+", step.Values.Heard), cancellationToken: ct);
            return await step.EndDialogAsync(step.Values.Heard.Count, ct);
        }
    }

    [Fact]
    public async Task Steps_run_in_order_across_turns_and_share_their_values()
    {
        var bot = new DialogTestBot(new TwoQuestions());
        var client = new DialogTestClient(bot);

        Assert.Equal("hello: first?", (await client.SendActivityAsync("start"))!.Text);
        Assert.Equal("second?", (await client.SendActivityAsync("a"))!.Text);
        Assert.Equal("a+b", (await client.SendActivityAsync("b"))!.Text);
        Assert.Equal((DialogTurnStatus.Complete, 2), (bot.LastResult!.Status, bot.LastResult.GetResult<int>()));
    }

    [Fact]
    public async Task A_new_bot_over_the_same_storage_continues_at_the_same_step()
    {
        var storage = new MemoryStorage();
        var first = new DialogTestClient(new DialogTestBot(new TwoQuestions(), storage));
        await first.SendActivityAsync("start");
        await first.SendActivityAsync("a");

        var second = new DialogTestClient(new DialogTestBot(new TwoQuestions(), storage));

        Assert.Equal("a+b", (await second.SendActivityAsync("b"))!.Text);
    }

    [Fact]
    public async Task The_stored_state_is_plain_json_with_the_stack_and_the_step_values()
    {
        var storage = new MemoryStorage();
        var client = new DialogTestClient(new DialogTestBot(new TwoQuestions(), storage));
        await client.SendActivityAsync("start");
        await client.SendActivityAsync("a");

        var stored = (await storage.ReadAsync(["test/conversations/test-conversation"]))["test/conversations/test-conversation"].Document;
        var root = stored["DialogState"]!["dialogStack"]![0]!;
        var prompt = root["state"]!["dialogs"]![0]!;
        var waterfall = root["state"]!["dialogs"]![1]!;

        Assert.Equal(nameof(TwoQuestions), (string?)root["id"]);
        Assert.Equal("text", (string?)prompt["id"]);
        Assert.Equal("flow", (string?)waterfall["id"]);
        Assert.Equal("AskSecondAsync", (string?)waterfall["state"]!["step"]!);
        Assert.Equal(16, ((string?)waterfall["state"]!["version"])!.Length);
        Assert.Equal("a", (string?)waterfall["state"]!["answers"]![0]!["value"]);
        Assert.Equal("a", (string?)waterfall["state"]!["values"]!["heard"]![0]);
        Assert.True(stored.ToJsonString().Length < 4096);
    }

    [Fact]
    public async Task Typed_options_reach_the_steps()
    {
        var parent = new Parent(new TwoQuestions(), new Options { Greeting = "안녕하세요" });
        var client = new DialogTestClient(new DialogTestBot(parent));

        Assert.Equal("안녕하세요: first?", (await client.SendActivityAsync("start"))!.Text);
    }

    [Fact]
    public async Task Cancel_all_dialogs_empties_the_stack_and_the_next_message_starts_over()
    {
        var root = new Parent(new TwoQuestions(), new Options(), cancelWord: "cancel");
        var bot = new DialogTestBot(root);
        var client = new DialogTestClient(bot);
        await client.SendActivityAsync("start");
        await client.SendActivityAsync("a");

        Assert.Equal("cancelled", (await client.SendActivityAsync("cancel"))!.Text);
        Assert.Equal("hello: first?", (await client.SendActivityAsync("again"))!.Text);
    }

    [Fact]
    public async Task Replace_dialog_restarts_the_waterfall_with_new_options()
    {
        var client = new DialogTestClient(new DialogTestBot(new Looping()));

        Assert.Equal("round 1", (await client.SendActivityAsync("go"))!.Text);
        Assert.Equal("round 2", (await client.SendActivityAsync("again"))!.Text);
        Assert.Equal("round 3", (await client.SendActivityAsync("again"))!.Text);
        Assert.Equal("done after 3", (await client.SendActivityAsync("stop"))!.Text);
    }

    [Fact]
    public async Task Next_async_skips_a_question_whose_answer_is_known()
    {
        var client = new DialogTestClient(new DialogTestBot(new SkipWhenKnown()));

        Assert.Equal("known: 12가3456", (await client.SendActivityAsync("start"))!.Text);
    }

    private sealed class Parent : ComponentDialog
    {
        private readonly string? _cancelWord;

        public Parent(Dialog child, Options options, string? cancelWord = null) : base(nameof(Parent))
        {
            _cancelWord = cancelWord;
            AddDialog(new WaterfallDialog<Options, Values>("parentFlow",
            [
                (step, ct) => step.BeginDialogAsync(child.Id, options, ct),
                (step, ct) => step.EndDialogAsync(step.Result, ct),
            ]));
            AddDialog(child);
        }

        protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken)
        {
            if (_cancelWord is not null && innerDc.Context.Activity.Text == _cancelWord)
            {
                await innerDc.Context.SendActivityAsync("cancelled", cancellationToken: cancellationToken);
                return await innerDc.CancelAllDialogsAsync(cancellationToken);
            }
            return await base.OnContinueDialogAsync(innerDc, cancellationToken);
        }
    }

    private sealed class RoundOptions
    {
        public int Round { get; set; } = 1;
    }

    private sealed class Looping : ComponentDialog
    {
        public Looping() : base(nameof(Looping))
        {
            AddDialog(new WaterfallDialog<RoundOptions, Values>("loop",
            [
                (step, ct) => step.PromptAsync("text", new PromptOptions { Prompt = Activity.CreateMessageActivity($"round {step.Options.Round}") }, ct),
                async (step, ct) =>
                {
                    if (step.GetResult<string>() == "again")
                    {
                        return await step.ReplaceDialogAsync("loop", new RoundOptions { Round = step.Options.Round + 1 }, ct);
                    }
                    await step.Context.SendActivityAsync($"done after {step.Options.Round}", cancellationToken: ct);
                    return await step.EndDialogAsync(null, ct);
                },
            ]));
            AddDialog(new TextPrompt("text"));
        }
    }

    private sealed class SkipWhenKnown : ComponentDialog
    {
        public SkipWhenKnown() : base(nameof(SkipWhenKnown))
        {
            AddDialog(new WaterfallDialog<Options, Values>("skip",
            [
                (step, ct) => step.NextAsync("12가3456", ct),
                async (step, ct) =>
                {
                    await step.Context.SendActivityAsync($"known: {step.GetResult<string>()}", cancellationToken: ct);
                    return await step.EndDialogAsync(null, ct);
                },
            ]));
        }
    }
}
