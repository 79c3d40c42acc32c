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
using ParkingBot.Dialogs.Understanding;
using ParkingBot.Language.Intents;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Dialogs;
using ParkingBot.Framework.Dialogs.Prompts;
using ParkingBot.Framework.Schema;
using ParkingBot.Language.Prompts;
using ParkingBot.Language.Recognizers;

namespace ParkingBot.Dialogs.Main;

/// <summary>
/// The router: finds the topic (a menu button, or free text through the intent recognizer, whose entities pre-fill
/// the flow), runs its flow, then asks once, for every flow, whether the customer needs anything else. Anywhere,
/// 상담원 연결 opens a case, Cancel ends the flow politely, and Help explains what the bot does and offers to go back.
/// </summary>
public sealed class MainDialog : ComponentDialog
{
    private const string TopicPrompt = "topicPrompt";
    private const string AnythingElsePrompt = "anythingElsePrompt";
    private readonly ResponseScripts _scripts;

    private const string AfterHandoff = "afterHandoff";
    private const string FlowHelp = "flowHelp";
    private const string ContinueAfterHelpPrompt = "continueAfterHelpPrompt";
    private readonly HandoffService _handoff;
    private readonly TurnUnderstanding _understanding;
    private readonly TopicRouter _router;

    public MainDialog(ResponseScripts scripts, KoreanEntityRecognizer recognizer, HandoffService handoff, TurnUnderstanding understanding, TopicRouter router,
        IdentityCheckDialog identityCheck, FindUsageDialog findUsage,
        TicketPaymentTimingDialog ticketPaymentTiming, UnusedChargeDialog unusedCharge,
        ValetUnusedChargeDialog valetUnusedCharge, ValetExitNotProcessedDialog valetExitNotProcessed, DoublePaymentDialog doublePayment,
        TicketNotAppliedDialog ticketNotApplied, SeasonPassNotAppliedDialog seasonPassNotApplied) : base(nameof(MainDialog))
    {
        _scripts = scripts;
        _handoff = handoff;
        _understanding = understanding;
        _router = router;
        AddDialog(new WaterfallDialog<MainDialogOptions, MainDialogValues>("mainFlow",
            [ChooseTopicAsync, StartTopicAsync, AskAnythingElseAsync, FinishAsync]));
        AddDialog(new WaterfallDialog<MainDialogOptions, MainDialogValues>(AfterHandoff, [AskAnythingElseAsync, FinishAsync]));
        AddDialog(new WaterfallDialog<MainDialogOptions, MainDialogValues>(FlowHelp, [ExplainAndAskToContinueAsync, ContinueOrStopAsync]));
        AddDialog(new Main.TopicPrompt(TopicPrompt, scripts, understanding, HandOffAfterThreeMissesAsync));
        AddDialog(new ConfirmPrompt(AnythingElsePrompt, recognizer: new KoreanConfirmRecognizer(recognizer)));
        AddDialog(new ConfirmPrompt(ContinueAfterHelpPrompt, recognizer: new KoreanConfirmRecognizer(recognizer)));
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

    /// <summary>
    /// Interruptions, wherever the customer is: 상담원 연결 (the button, or AgentRequest understood) ends the flow and
    /// opens a case; Cancel ends the flow politely; Help explains, then asks whether to go back to the question.
    /// </summary>
    protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        var interruption = AsksForAgent(innerDc.Context.Activity.Text)
            ? IntentNames.AgentRequest
            : await _understanding.UnderstandAsync(innerDc.Context, cancellationToken) is { } understood ? _router.Interruption(understood) : null;
        switch (interruption)
        {
            case IntentNames.AgentRequest:
                await innerDc.CancelAllDialogsAsync(cancellationToken);
                await OpenAgentRequestAsync(innerDc.Context, cancellationToken);
                return new DialogTurnResult(DialogTurnStatus.Complete);
            case IntentNames.Cancel:
                await innerDc.CancelAllDialogsAsync(cancellationToken);
                await innerDc.Context.SendActivityAsync(_scripts.Message(ResponseKeys.CancelDone), cancellationToken);
                return new DialogTurnResult(DialogTurnStatus.Complete);
            case IntentNames.Help when innerDc.ActiveDialog?.Id is TopicPrompt or AnythingElsePrompt or ContinueAfterHelpPrompt:
                await innerDc.Context.SendActivityAsync(_scripts.Message(ResponseKeys.HelpText), cancellationToken);
                await innerDc.RepromptDialogAsync(cancellationToken);
                return new DialogTurnResult(DialogTurnStatus.Waiting);
            case IntentNames.Help:
                return await innerDc.BeginDialogAsync(FlowHelp, null, cancellationToken);
        }
        return await base.OnContinueDialogAsync(innerDc, cancellationToken);
    }

    private async Task<DialogTurnResult> ExplainAndAskToContinueAsync(WaterfallStepContext<MainDialogOptions, MainDialogValues> step, CancellationToken cancellationToken)
    {
        await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.HelpText), cancellationToken);
        return await step.PromptAsync(ContinueAfterHelpPrompt, KoreanPromptOptions.YesNo(_scripts, ResponseKeys.HelpAskContinue), cancellationToken);
    }

    /// <summary>Yes: the flow below asks its question again. No: the flow ends politely.</summary>
    private async Task<DialogTurnResult> ContinueOrStopAsync(WaterfallStepContext<MainDialogOptions, MainDialogValues> step, CancellationToken cancellationToken)
    {
        if (step.GetResult<bool>())
        {
            return await step.EndDialogAsync(null, cancellationToken);
        }
        await step.DialogContext.CancelAllDialogsAsync(cancellationToken);
        await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.CancelDone), cancellationToken);
        return new DialogTurnResult(DialogTurnStatus.Complete);
    }

    /// <summary>Back from an agent: straight to the closing question.</summary>
    protected override Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken) =>
        options is MainDialogOptions { AfterHandoff: true }
            ? innerDc.BeginDialogAsync(AfterHandoff, options, cancellationToken)
            : base.OnBeginDialogAsync(innerDc, options, cancellationToken);

    /// <summary>
    /// The first message names a menu topic, or the recognizer is sure of one: straight to its flow. A greeting gets
    /// the menu, Help explains then shows it, Cancel with nothing to cancel is acknowledged. Otherwise the two or three
    /// likeliest topics are offered, or the whole menu.
    /// </summary>
    private async Task<DialogTurnResult> ChooseTopicAsync(WaterfallStepContext<MainDialogOptions, MainDialogValues> step, CancellationToken cancellationToken)
    {
        var menu = MenuCards.Choices(_scripts);
        if (step.Options.ShowMenu)
        {
            return await AskTopicAsync(step, ResponseKeys.MenuPrompt, menu, cancellationToken);
        }
        if (ChoiceRecognizer.Recognize(step.Context.Activity.Text, menu) is { } said)
        {
            return await step.NextAsync(said, cancellationToken);
        }
        if (await _understanding.UnderstandAsync(step.Context, cancellationToken) is not { } understood)
        {
            return await AskTopicAsync(step, ResponseKeys.MenuPrompt, menu, cancellationToken);
        }
        if (TopicRouter.Confident(understood) is { } topic)
        {
            return await step.NextAsync(new FoundChoice(topic.Id, -1), cancellationToken);
        }
        if (TopicRouter.Is(understood, IntentNames.Cancel))
        {
            await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.CancelNothingToCancel), cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }
        if (TopicRouter.Is(understood, IntentNames.Help))
        {
            await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.HelpText), cancellationToken);
        }
        if (!TopicRouter.Is(understood, IntentNames.Greeting) && _router.Suggestions(understood) is { Count: > 0 } likely)
        {
            return await AskTopicAsync(step, ResponseKeys.MenuDidYouMean, MenuCards.Choices(_scripts, likely), cancellationToken);
        }
        return await AskTopicAsync(step, ResponseKeys.MenuPrompt, menu, cancellationToken);
    }

    private Task<DialogTurnResult> AskTopicAsync(WaterfallStepContext<MainDialogOptions, MainDialogValues> step, ResponseKey prompt, List<Choice> choices,
        CancellationToken cancellationToken) =>
        step.PromptAsync(TopicPrompt, new PromptOptions
        {
            Prompt = _scripts.Message(prompt),
            RetryPrompt = _scripts.Message(ResponseKeys.MenuRetry),
            Choices = choices,
        }, cancellationToken);

    /// <summary>Starts the topic's flow with the slots the message already answered (its day, car, time, lot).</summary>
    private async Task<DialogTurnResult> StartTopicAsync(WaterfallStepContext<MainDialogOptions, MainDialogValues> step, CancellationToken cancellationToken)
    {
        var topic = Topics.ById(step.GetResult<FoundChoice>().Value);
        step.Values.TopicId = topic.Id;
        if (topic == Topics.AgentRequest)
        {
            await OpenAgentRequestAsync(step.Context, cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }
        var slots = SlotFilling.From(await _understanding.UnderstandAsync(step.Context, cancellationToken));
        return await step.BeginDialogAsync(topic.DialogId!, slots, cancellationToken);
    }

    /// <summary>
    /// Not placed: the likeliest topics are offered when there are two or three; three answers in a row the bot could
    /// not place and a person takes over (BotFailure).
    /// </summary>
    private async Task<bool> HandOffAfterThreeMissesAsync(PromptValidatorContext<FoundChoice> prompt, CancellationToken cancellationToken)
    {
        if (prompt.Recognized.Succeeded)
        {
            return true;
        }
        if (prompt.AttemptCount < 3 && await _understanding.UnderstandAsync(prompt.Context, cancellationToken) is { } understood
            && _router.Suggestions(understood) is { Count: > 0 } likely)
        {
            var guess = _scripts.Message(ResponseKeys.MenuDidYouMean);
            guess.SuggestedActions = MenuCards.SuggestedActions(_scripts, likely);
            await prompt.Context.SendActivityAsync(guess, cancellationToken);
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
