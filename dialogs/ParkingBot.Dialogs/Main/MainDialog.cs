using ParkingBot.Dialogs.Flows.DoublePayment;
using ParkingBot.Dialogs.Flows.SeasonPassNotApplied;
using ParkingBot.Dialogs.Flows.Shared;
using ParkingBot.Dialogs.Flows.TicketNotApplied;
using ParkingBot.Dialogs.Flows.TicketPaymentTiming;
using ParkingBot.Dialogs.Flows.UnusedCharge;
using ParkingBot.Dialogs.Flows.Valet;
using ParkingBot.Dialogs.Handoff;
using ParkingBot.Handoff;
using ParkingBot.Handoff.Cases;
using ParkingBot.Dialogs.Prompts;
using ParkingBot.Dialogs.Responses;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Dialogs;
using ParkingBot.Framework.Dialogs.Prompts;
using ParkingBot.Language.Prompts;
using ParkingBot.Language.Recognizers;

namespace ParkingBot.Dialogs.Main;

/// <summary>
/// The router: finds the topic (from the message or the menu), runs its flow, then asks once, for every
/// flow, whether the customer needs anything else.
/// </summary>
public sealed class MainDialog : ComponentDialog
{
    private const string TopicPrompt = "topicPrompt";
    private const string AnythingElsePrompt = "anythingElsePrompt";
    private readonly ResponseScripts _scripts;

    private const string AfterHandoff = "afterHandoff";
    private readonly HandoffService _handoff;

    public MainDialog(ResponseScripts scripts, KoreanEntityRecognizer recognizer, HandoffService handoff,
        IdentityCheckDialog identityCheck, FindUsageDialog findUsage,
        TicketPaymentTimingDialog ticketPaymentTiming, UnusedChargeDialog unusedCharge,
        ValetUnusedChargeDialog valetUnusedCharge, ValetExitNotProcessedDialog valetExitNotProcessed, DoublePaymentDialog doublePayment,
        TicketNotAppliedDialog ticketNotApplied, SeasonPassNotAppliedDialog seasonPassNotApplied) : base(nameof(MainDialog))
    {
        _scripts = scripts;
        _handoff = handoff;
        AddDialog(new WaterfallDialog<MainDialogOptions, MainDialogValues>("mainFlow",
            [ChooseTopicAsync, StartTopicAsync, AskAnythingElseAsync, FinishAsync]));
        AddDialog(new WaterfallDialog<MainDialogOptions, MainDialogValues>(AfterHandoff, [AskAnythingElseAsync, FinishAsync]));
        AddDialog(new ChoicePrompt(TopicPrompt, HandOffAfterThreeMissesAsync));
        AddDialog(new ConfirmPrompt(AnythingElsePrompt, recognizer: new KoreanConfirmRecognizer(recognizer)));
        AddDialog(identityCheck);
        AddDialog(findUsage);
        AddDialog(ticketPaymentTiming);
        AddDialog(unusedCharge);
        AddDialog(valetUnusedCharge);
        AddDialog(valetExitNotProcessed);
        AddDialog(doublePayment);
        AddDialog(ticketNotApplied);
        AddDialog(seasonPassNotApplied);
    }

    /// <summary>상담원 연결 works anywhere: whatever flow is running ends and a case opens.</summary>
    protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        if (AsksForAgent(innerDc.Context.Activity.Text))
        {
            await innerDc.CancelAllDialogsAsync(cancellationToken);
            await OpenAgentRequestAsync(innerDc.Context, cancellationToken);
            return new DialogTurnResult(DialogTurnStatus.Complete);
        }
        return await base.OnContinueDialogAsync(innerDc, cancellationToken);
    }

    /// <summary>Back from an agent: straight to the closing question.</summary>
    protected override Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken) =>
        options is MainDialogOptions { AfterHandoff: true }
            ? innerDc.BeginDialogAsync(AfterHandoff, options, cancellationToken)
            : base.OnBeginDialogAsync(innerDc, options, cancellationToken);

    private async Task<DialogTurnResult> ChooseTopicAsync(WaterfallStepContext<MainDialogOptions, MainDialogValues> step, CancellationToken cancellationToken)
    {
        var choices = MenuCards.Choices(_scripts);
        if (!step.Options.ShowMenu && ChoiceRecognizer.Recognize(step.Context.Activity.Text, choices) is { } said)
        {
            return await step.NextAsync(said, cancellationToken);
        }
        return await step.PromptAsync(TopicPrompt, new PromptOptions
        {
            Prompt = _scripts.Message(ResponseKeys.MenuPrompt),
            RetryPrompt = _scripts.Message(ResponseKeys.MenuRetry),
            Choices = choices,
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> StartTopicAsync(WaterfallStepContext<MainDialogOptions, MainDialogValues> step, CancellationToken cancellationToken)
    {
        var topic = Topics.ById(step.GetResult<FoundChoice>().Value);
        step.Values.TopicId = topic.Id;
        if (topic == Topics.AgentRequest)
        {
            await OpenAgentRequestAsync(step.Context, cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }
        return await step.BeginDialogAsync(topic.DialogId!, new FlowOptions(), cancellationToken);
    }

    /// <summary>Three answers in a row the bot could not place: a person takes over (BotFailure).</summary>
    private async Task<bool> HandOffAfterThreeMissesAsync(PromptValidatorContext<FoundChoice> prompt, CancellationToken cancellationToken)
    {
        if (prompt.Recognized.Succeeded)
        {
            return true;
        }
        if (prompt.AttemptCount >= 3)
        {
            await _handoff.OpenCaseAsync(prompt.Context, new HandoffRequest("MainDialog", ConsultationCategories.CustomerRequest,
                [HandoffReason.BotFailure], "챗봇이 고객의 문의를 세 번 연속 이해하지 못했습니다.", new Dictionary<string, string>()), cancellationToken);
            await prompt.Context.SendActivityAsync(_scripts.Message(ResponseKeys.HandoffWaiting), cancellationToken);
        }
        return false;
    }

    private async Task OpenAgentRequestAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        await _handoff.OpenCaseAsync(turnContext, new HandoffRequest(Topics.AgentRequest.Id, ConsultationCategories.CustomerRequest,
            [HandoffReason.CustomerRequest], "고객이 상담원 연결을 요청했습니다.", new Dictionary<string, string>()), cancellationToken);
        await turnContext.SendActivityAsync(_scripts.Message(ResponseKeys.HandoffWaiting), cancellationToken);
    }

    /// <summary>The 상담원 연결 button or the same words typed (spacing aside); not a sentence that merely mentions them.</summary>
    private bool AsksForAgent(string? text) =>
        string.Concat((text ?? "").Where(char.IsLetterOrDigit)) == string.Concat(_scripts.Text(Topics.AgentRequest.Title).Where(char.IsLetterOrDigit));

    /// <summary>A flow that handed the customer to an agent ends here: the agent has the conversation now.</summary>
    private Task<DialogTurnResult> AskAnythingElseAsync(WaterfallStepContext<MainDialogOptions, MainDialogValues> step, CancellationToken cancellationToken) =>
        step.Result is FlowOutcome { HandedOff: true }
            ? step.EndDialogAsync(null, cancellationToken)
            : step.PromptAsync(AnythingElsePrompt, KoreanPromptOptions.YesNo(_scripts, ResponseKeys.ClosingAnythingElse, ResponseKeys.ClosingAnythingElseRetry), cancellationToken);

    private async Task<DialogTurnResult> FinishAsync(WaterfallStepContext<MainDialogOptions, MainDialogValues> step, CancellationToken cancellationToken)
    {
        if (step.GetResult<bool>())
        {
            return await step.ReplaceDialogAsync("mainFlow", new MainDialogOptions { ShowMenu = true }, cancellationToken);
        }
        await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.ClosingGoodbye), cancellationToken);
        return await step.EndDialogAsync(null, cancellationToken);
    }
}

public sealed class MainDialogOptions
{
    /// <summary>Show the menu instead of reading a topic from the current message.</summary>
    public bool ShowMenu { get; set; }

    /// <summary>An agent just resolved the customer's case: ask whether anything else is needed.</summary>
    public bool AfterHandoff { get; set; }
}

public sealed class MainDialogValues
{
    public string? TopicId { get; set; }
}
