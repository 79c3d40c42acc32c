using ParkingBot.Dialogs.FollowUps;
using ParkingBot.Dialogs.Outcomes;
using ParkingBot.Dialogs.Flows.DoublePayment;
using ParkingBot.Dialogs.Flows.SeasonPassNotApplied;
using ParkingBot.Dialogs.Flows.Shared;
using ParkingBot.Dialogs.Flows.TicketNotApplied;
using ParkingBot.Dialogs.Flows.TicketPaymentTiming;
using ParkingBot.Dialogs.Flows.UnusedCharge;
using ParkingBot.Dialogs.Flows.Valet;
using ParkingBot.Dialogs.Prompts;
using ParkingBot.Dialogs.Responses;
using ParkingBot.Dialogs.Understanding;
using ParkingBot.Dialogs.Understanding.Acts;
using ParkingBot.Framework.Analytics;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Dialogs;
using ParkingBot.Framework.Dialogs.Prompts;
using ParkingBot.Framework.Schema;
using ParkingBot.Handoff;
using ParkingBot.Handoff.Cases;
using ParkingBot.Language.Intents;

namespace ParkingBot.Dialogs.Main;

/// <summary>
/// The router: finds the topic (a menu button, or free text through the intent recognizer, whose entities pre-fill
/// the flow), runs its flow, then asks once, for every flow, whether the customer needs anything else. Every message
/// inside a flow is understood in full first (<see cref="OnContinueDialogAsync"/>): commands, interruptions, the slots it
/// carries, corrections and the playbooks' follow-up questions, and only then the question asked.
/// </summary>
public sealed class MainDialog : ComponentDialog
{
    private const string MainFlow = "mainFlow";
    private const string AfterHandoff = "afterHandoff";
    private const string FlowHelp = "flowHelp";
    private const string ConfirmEnd = "confirmEnd.steps";
    private const string LotCheck = "lotCheck.steps";
    private const string Csat = "csat.steps";

    private readonly ResponseScripts _scripts;
    private readonly HandoffService _handoff;
    private readonly TurnUnderstanding _understanding;
    private readonly TopicRouter _router;
    private readonly SlotReader _reader;
    private readonly SlotMemory _slots;
    private readonly TurnReader _turns;
    private readonly CustomerPhrases _phrases;
    private readonly FollowUpAnswers _followUps;
    private readonly FlowSupport _flow;
    private readonly ConversationOutcomes _outcomes;

    public MainDialog(FlowSupport flow, HandoffService handoff, ConversationOutcomes outcomes, TurnUnderstanding understanding, TopicRouter router, SlotReader reader, TurnReader turns, FollowUpAnswers followUps,
        IdentityCheckDialog identityCheck, FindUsageDialog findUsage,
        TicketPaymentTimingDialog ticketPaymentTiming, UnusedChargeDialog unusedCharge,
        ValetUnusedChargeDialog valetUnusedCharge, ValetExitNotProcessedDialog valetExitNotProcessed, DoublePaymentDialog doublePayment,
        TicketNotAppliedDialog ticketNotApplied, SeasonPassNotAppliedDialog seasonPassNotApplied) : base(nameof(MainDialog))
    {
        _flow = flow;
        _scripts = flow.Scripts;
        _handoff = handoff;
        _understanding = understanding;
        _router = router;
        _reader = reader;
        _slots = flow.Slots;
        _turns = turns;
        _phrases = flow.Phrases;
        _followUps = followUps;
        _outcomes = outcomes;
        AddDialog(new WaterfallDialog<MainDialogOptions, MainDialogValues>(MainFlow, [ChooseTopicAsync, StartTopicAsync, AskAnythingElseAsync, FinishAsync]));
        AddDialog(new WaterfallDialog<MainDialogOptions, MainDialogValues>(AfterHandoff, [AskAnythingElseAsync, FinishAsync]));
        AddDialog(new WaterfallDialog<MainDialogOptions, MainDialogValues>(FlowHelp, [ExplainAndAskToContinueAsync, ContinueOrStopAsync]));
        AddDialog(new WaterfallDialog<MainDialogOptions, MainDialogValues>(ConfirmEnd, [AskToEndAsync, EndOrContinueAsync]));
        AddDialog(new LotCheckSteps(flow, outcomes).Dialog(LotCheck));
        AddDialog(new SatisfactionSteps(_scripts, outcomes, _phrases).Dialog(Csat));
        AddDialog(new RatingPrompt(Expecting.Rating, _phrases));
        AddDialog(new TextPrompt(Expecting.Comment));
        AddDialog(new TopicPrompt(Expecting.Topic, _scripts, understanding, HandOffAfterThreeMissesAsync));
        foreach (var question in new[] { Expecting.AnythingElse, Expecting.ContinueAfterHelp, Expecting.ConfirmEnd, Expecting.LotCheckConsent })
        {
            AddDialog(new YesNoPrompt(question, flow.Judge, clarifying: new ClarifyingQuestions(_scripts)));
        }
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
    /// Every message of a running conversation: read (<see cref="TurnReader"/>), interpreted into one dialogue act
    /// (<see cref="TurnInterpreter"/>, where the policy lives), and carried out here.
    /// </summary>
    protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        var place = new TurnPlace(Expecting.Of(innerDc), await _slots.GetAsync(innerDc.Context, cancellationToken));
        if (await _turns.ReadAsync(innerDc.Context, place, cancellationToken) is not { } message)
        {
            return await base.OnContinueDialogAsync(innerDc, cancellationToken);
        }
        var act = TurnInterpreter.Interpret(message, place);
        DesignerTrace.NoteAct(innerDc.Context, act);
        switch (act.Kind)
        {
            case DialogueActKind.AskForPerson:
                return await OpenAgentRequestAsync(innerDc, cancellationToken);
            case DialogueActKind.Restart:
                _outcomes.Stopped(innerDc.Context, FlowEnding.Cancelled, "restart", sessionEnd: "cancelled");
                await innerDc.CancelAllDialogsAsync(cancellationToken);
                return await innerDc.BeginDialogAsync(MainFlow, new MainDialogOptions { ShowMenu = true }, cancellationToken);
            case DialogueActKind.Stop when act.Sure:
                return await CancelAsync(innerDc, cancellationToken);
            case DialogueActKind.Stop:
                return await innerDc.BeginDialogAsync(ConfirmEnd, null, cancellationToken);
            case DialogueActKind.Help when place.InAFlow:
                return await innerDc.BeginDialogAsync(FlowHelp, null, cancellationToken);
            case DialogueActKind.Help:
                await innerDc.Context.SendActivityAsync(_scripts.Message(ResponseKeys.HelpText), cancellationToken);
                await innerDc.RepromptDialogAsync(cancellationToken);
                return new DialogTurnResult(DialogTurnStatus.Waiting);
        }
        await _slots.RememberAsync(innerDc.Context, message.Said, cancellationToken);
        switch (act.Kind)
        {
            case DialogueActKind.FollowUpQuestion when act.FollowUp == FollowUpNames.CheckEnteredCar:
                return await innerDc.BeginDialogAsync(LotCheck, null, cancellationToken);
            case DialogueActKind.FollowUpQuestion:
                await _followUps.AnswerAsync(innerDc.Context, act.FollowUp!, place.Known, cancellationToken);
                await innerDc.RepromptDialogAsync(cancellationToken);
                return new DialogTurnResult(DialogTurnStatus.Waiting);
            case DialogueActKind.OtherQuestion:
                await innerDc.Context.SendActivityAsync(_scripts.MessageOfferingAgent(ResponseKeys.QuestionNotAnsweredHere), cancellationToken);
                await innerDc.RepromptDialogAsync(cancellationToken);
                return new DialogTurnResult(DialogTurnStatus.Waiting);
            case DialogueActKind.Correction when innerDc.ActiveDialog?.Id is { } flowId:
                await innerDc.Context.SendActivityAsync(_scripts.Message(ResponseKeys.RepairLookingAgain), cancellationToken);
                return await innerDc.ReplaceDialogAsync(flowId, new FlowOptions { Restarted = true }, cancellationToken);
            case DialogueActKind.AnotherLot or DialogueActKind.NewTopic:
                await innerDc.CancelAllDialogsAsync(cancellationToken);
                return await innerDc.BeginDialogAsync(MainFlow, new MainDialogOptions { TopicId = act.Kind == DialogueActKind.AnotherLot ? act.TopicId : null }, cancellationToken);
            default:
                return await base.OnContinueDialogAsync(innerDc, cancellationToken);
        }
    }

    private async Task<DialogTurnResult> CancelAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        _outcomes.Stopped(dc.Context, FlowEnding.Cancelled, "stop", sessionEnd: "cancelled");
        await dc.CancelAllDialogsAsync(cancellationToken);
        await dc.Context.SendActivityAsync(_scripts.Message(ResponseKeys.CancelDone), cancellationToken);
        return new DialogTurnResult(DialogTurnStatus.Complete);
    }

    private async Task<DialogTurnResult> ExplainAndAskToContinueAsync(WaterfallStepContext<MainDialogOptions, MainDialogValues> step, CancellationToken cancellationToken)
    {
        await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.HelpText), cancellationToken);
        return await step.PromptAsync(Expecting.ContinueAfterHelp, KoreanPromptOptions.YesNo(_scripts, ResponseKeys.HelpAskContinue), cancellationToken);
    }

    /// <summary>Yes: the flow below asks its question again. No: the flow ends politely.</summary>
    private async Task<DialogTurnResult> ContinueOrStopAsync(WaterfallStepContext<MainDialogOptions, MainDialogValues> step, CancellationToken cancellationToken) =>
        step.GetResult<bool>() ? await step.EndDialogAsync(null, cancellationToken) : await CancelAsync(step.DialogContext, cancellationToken);

    /// <summary>The recognizer thinks the customer wants to stop, but they did not say so plainly: ask before ending.</summary>
    private Task<DialogTurnResult> AskToEndAsync(WaterfallStepContext<MainDialogOptions, MainDialogValues> step, CancellationToken cancellationToken) =>
        step.PromptAsync(Expecting.ConfirmEnd, KoreanPromptOptions.YesNo(_scripts, ResponseKeys.CancelConfirm), cancellationToken);

    /// <summary>Yes: the inquiry ends. No: the question below is asked again.</summary>
    private async Task<DialogTurnResult> EndOrContinueAsync(WaterfallStepContext<MainDialogOptions, MainDialogValues> step, CancellationToken cancellationToken) =>
        step.GetResult<bool>() ? await CancelAsync(step.DialogContext, cancellationToken) : await step.EndDialogAsync(null, cancellationToken);

    /// <summary>Back from an agent: straight to the closing question.</summary>
    protected override Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken) =>
        options is MainDialogOptions { AfterHandoff: true }
            ? innerDc.BeginDialogAsync(AfterHandoff, options, cancellationToken)
            : base.OnBeginDialogAsync(innerDc, options, cancellationToken);

    /// <summary>
    /// Started again by a release while a topic was under way: that topic goes on with what the customer already gave.
    /// A menu button starts its topic; free text is decided by <see cref="OpeningDecision.For"/> (the policy) and carried
    /// out here.
    /// </summary>
    private async Task<DialogTurnResult> ChooseTopicAsync(WaterfallStepContext<MainDialogOptions, MainDialogValues> step, CancellationToken cancellationToken)
    {
        var menu = MenuCards.Choices(_scripts);
        if (step.Reason == DialogReason.VersionChanged && !step.Replays(Expecting.Topic) && (await _slots.GetAsync(step.Context, cancellationToken)).TopicId is { } current
            && Topics.Menu.Any(topic => topic.Id == current && topic.DialogId is not null))
        {
            step.Values.ContinueTopic = true;
            step.Values.How = TopicChoices.Resumed;
            await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.ReleaseContinue), cancellationToken);
            return await step.NextAsync(new FoundChoice(current, -1), cancellationToken);
        }
        if (step.Options.TopicId is { } chosen)
        {
            step.Values.How = TopicChoices.FreeText;
            return await step.NextAsync(new FoundChoice(chosen, -1), cancellationToken);
        }
        if (step.Options.ShowMenu)
        {
            return await AskTopicAsync(step, ResponseKeys.MenuPrompt, menu, cancellationToken);
        }
        if (ChoiceRecognizer.Recognize(step.Context.Activity.Text, menu) is { } said)
        {
            step.Values.How = TopicChoices.Button;
            return await step.NextAsync(said, cancellationToken);
        }
        if (await _understanding.UnderstandAsync(step.Context, cancellationToken) is not { } understood)
        {
            return await AskTopicAsync(step, ResponseKeys.MenuPrompt, menu, cancellationToken);
        }
        // A message about a usage before a topic is chosen ("어제 오후 2시 12가3456") is kept for the topic chosen next; a day
        // alone ("오늘 날씨 좋네요") is not a usage.
        if (await _reader.ReadAsync(step.Context, Expecting.Topic, cancellationToken) is { } before
            && (before.CarNumber is not null || before.Lot is not null || before.UsageDate is not null && before.EntryTime is not null))
        {
            await _slots.RememberAsync(step.Context, before, cancellationToken);
        }
        var decision = OpeningDecision.For(new OpeningSignals(understood.Intent.TopIntent, _phrases.VagueTopicsOf(understood.Text),
            _router.FromFreeText(understood, _phrases.ProductsNamedIn(understood.Text).ToList())?.Id, [.. _router.Suggestions(understood).Select(t => t.Id)]));
        if (decision.ExplainFirst)
        {
            await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.HelpText), cancellationToken);
        }
        if (decision.NotUnderstood)
        {
            // Free text the bot could not place: designers review it (masked) to teach the recognizer.
            _outcomes.Remark(step.Context, CustomerRemark.NotUnderstood, understood.Text, Expecting.Topic);
        }
        switch (decision.Kind)
        {
            case OpeningKind.StartTopic:
                step.Values.How = TopicChoices.FreeText;
                return await step.NextAsync(new FoundChoice(decision.Topics[0], -1), cancellationToken);
            case OpeningKind.NothingToCancel:
                await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.CancelNothingToCancel), cancellationToken);
                return await step.EndDialogAsync(null, cancellationToken);
            case OpeningKind.OfferTopics:
                return await AskTopicAsync(step, ResponseKeys.MenuDidYouMean, MenuCards.Choices(_scripts, decision.Topics.Select(Topics.ById).ToList()), cancellationToken);
            default:
                return await AskTopicAsync(step, ResponseKeys.MenuPrompt, menu, cancellationToken);
        }
    }

    private Task<DialogTurnResult> AskTopicAsync(WaterfallStepContext<MainDialogOptions, MainDialogValues> step, ResponseKey prompt, List<Choice> choices,
        CancellationToken cancellationToken)
    {
        step.Values.How = prompt == ResponseKeys.MenuDidYouMean ? TopicChoices.Suggestion : TopicChoices.Button;
        return step.PromptAsync(Expecting.Topic, new PromptOptions
        {
            Prompt = _scripts.Message(prompt),
            RetryPrompt = _scripts.Message(ResponseKeys.MenuRetry),
            Choices = choices,
        }, cancellationToken);
    }

    /// <summary>Starts the topic's flow with what the message already says (its day, car, times, lot, whether leaving now).</summary>
    private async Task<DialogTurnResult> StartTopicAsync(WaterfallStepContext<MainDialogOptions, MainDialogValues> step, CancellationToken cancellationToken)
    {
        var topic = Topics.ById(step.GetResult<FoundChoice>().Value);
        step.Values.TopicId = topic.Id;
        if (topic == Topics.AgentRequest)
        {
            await OpenAgentCaseAsync(step.Context, cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }
        if (step.Values.ContinueTopic || step.IsReplay)
        {
            return await step.BeginDialogAsync(topic.DialogId!, new FlowOptions { Restarted = true }, cancellationToken);
        }
        _outcomes.TopicStarted(step.Context, topic.Id, step.Values.How ?? TopicChoices.Button, (FindDialog(topic.DialogId!) as IFlow)?.Version);
        await _slots.StartTopicAsync(step.Context, topic.Id, await _reader.ReadAsync(step.Context, Expecting.Topic, cancellationToken), cancellationToken);
        return await step.BeginDialogAsync(topic.DialogId!, new FlowOptions(), cancellationToken);
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
        if (!string.IsNullOrWhiteSpace(prompt.Context.Activity.Text))
        {
            _outcomes.Remark(prompt.Context, CustomerRemark.NotUnderstood, prompt.Context.Activity.Text, Expecting.Topic);
        }
        if (prompt.AttemptCount >= 3)
        {
            _outcomes.Stopped(prompt.Context, FlowEnding.HandedOff, nameof(HandoffReason.BotFailure), sessionEnd: "handedOff");
            await _flow.HandOffAsync(prompt.Context, new HandoffRequest("MainDialog", _flow.Agent.Text(AgentTextKeys.CategoryCustomerRequest),
                [HandoffReason.BotFailure], _flow.Agent.Text(AgentTextKeys.SummaryBotFailure), new Dictionary<string, string>()), ResponseKeys.HandoffWaiting, cancellationToken);
        }
        return false;
    }

    private async Task<DialogTurnResult> OpenAgentRequestAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        await innerDc.CancelAllDialogsAsync(cancellationToken);
        await OpenAgentCaseAsync(innerDc.Context, cancellationToken);
        return new DialogTurnResult(DialogTurnStatus.Complete);
    }

    /// <summary>The agent gets what the bot found so far: the inquiry's topic, and the usage it settled on or what the customer said.</summary>
    private async Task OpenAgentCaseAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        _outcomes.Stopped(turnContext, FlowEnding.HandedOff, nameof(HandoffReason.CustomerRequest), sessionEnd: "handedOff");
        var said = await _slots.GetAsync(turnContext, cancellationToken);
        var topic = said.TopicId is { } topicId && topicId != Topics.AgentRequest.Id ? Topics.ForIntent(topicId) : null;
        var summary = topic is null
            ? _flow.Agent.Text(AgentTextKeys.SummaryAgentRequest)
            : _flow.Agent.Text(AgentTextKeys.SummaryAgentRequestInFlow, ("topic", _scripts.Text(topic.Title)));
        await _flow.HandOffAsync(turnContext, new HandoffRequest(topic?.Id ?? Topics.AgentRequest.Id, _flow.Agent.Text(AgentTextKeys.CategoryCustomerRequest),
            [HandoffReason.CustomerRequest], summary, await _flow.SlotsFoundAsync(turnContext, said, cancellationToken)), ResponseKeys.HandoffWaiting, cancellationToken);
    }

    /// <summary>The flow's ending is recorded; a flow that handed the customer to an agent ends here: the agent has the conversation now.</summary>
    private Task<DialogTurnResult> AskAnythingElseAsync(WaterfallStepContext<MainDialogOptions, MainDialogValues> step, CancellationToken cancellationToken)
    {
        if (step.Result is FlowOutcome outcome)
        {
            _outcomes.FlowEnded(step.Context, outcome);
        }
        return step.Result is FlowOutcome { HandedOff: true }
            ? step.EndDialogAsync(null, cancellationToken)
            : step.PromptAsync(Expecting.AnythingElse, KoreanPromptOptions.YesNo(_scripts, ResponseKeys.ClosingAnythingElse, ResponseKeys.ClosingAnythingElseRetry), cancellationToken);
    }

    /// <summary>Yes: the menu. No: the rating, asked once a session, then goodbye.</summary>
    private async Task<DialogTurnResult> FinishAsync(WaterfallStepContext<MainDialogOptions, MainDialogValues> step, CancellationToken cancellationToken)
    {
        var wantsMore = step.GetResult<bool>();
        _outcomes.ClosingAnswered(step.Context, wantsMore);
        if (wantsMore)
        {
            return await step.ReplaceDialogAsync(MainFlow, new MainDialogOptions { ShowMenu = true }, cancellationToken);
        }
        if (_outcomes.AskCsatOnce(step.Context))
        {
            return await step.ReplaceDialogAsync(Csat, null, cancellationToken);
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

    /// <summary>Start this topic with what the message says (a question about another lot after a payment-timing answer).</summary>
    public string? TopicId { get; set; }
}

public sealed class MainDialogValues
{
    public string? TopicId { get; set; }

    /// <summary>The main flow started again after a release: the conversation's topic goes on with what the customer gave.</summary>
    public bool ContinueTopic { get; set; }

    /// <summary>How the topic was chosen (<see cref="TopicChoices"/>).</summary>
    public string? How { get; set; }
}
