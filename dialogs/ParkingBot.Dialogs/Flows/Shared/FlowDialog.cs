using ParkingBot.Dialogs.Prompts;
using ParkingBot.Dialogs.Responses;
using ParkingBot.Dialogs.Understanding;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Dialogs;
using ParkingBot.Framework.Dialogs.Prompts;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Dialogs.Flows.Shared;

/// <summary>
/// A playbook flow: one waterfall whose steps read like the playbook's 응대 순서, and its questions, each a prompt named
/// for what it asks (<see cref="Expecting"/>). The wiring every flow shares lives here, so a flow holds only its steps.
/// </summary>
public abstract class FlowDialog<TValues> : ComponentDialog, IFlow where TValues : class, new()
{
    private WaterfallDialog<FlowOptions, TValues>? _steps;

    /// <summary>The version of the flow's steps (it changes when a release adds, removes or renames a step).</summary>
    public string? Version => _steps?.GetVersion();

    protected FlowDialog(string id, FlowSupport flow) : base(id)
    {
        Flow = flow;
    }

    protected FlowSupport Flow { get; }

    protected ResponseScripts Scripts => Flow.Scripts;

    /// <summary>What agents read: categories, case summaries and slot values.</summary>
    protected AgentTexts Agent => Flow.Agent;

    /// <summary>The flow's steps, in the playbook's order (the flow's first dialog).</summary>
    protected void Steps(params WaterfallStep<FlowOptions, TValues>[] steps) =>
        AddDialog(_steps = new WaterfallDialog<FlowOptions, TValues>(Id + ".steps", steps));

    /// <summary>A yes/no question; <paramref name="fromSlots"/> lets a slot the message gave answer it.</summary>
    protected void YesNoQuestion(string expecting, Func<MessageSlots, bool?>? fromSlots = null) =>
        AddDialog(new YesNoPrompt(expecting, Flow.Judge, FlowValidators.OfferAgentAfterTwoMisses<bool>(Scripts), fromSlots, new ClarifyingQuestions(Scripts)));

    /// <summary>A question answered with a photo or a file (a receipt, records).</summary>
    protected void AttachmentQuestion(string expecting) =>
        AddDialog(new AttachmentPrompt(expecting, FlowValidators.OfferAgentAfterTwoMisses<IReadOnlyList<Attachment>>(Scripts)));

    /// <summary>Asks a yes/no question, unless the customer already answered it unasked ("호출버튼도 없어요").</summary>
    protected async Task<DialogTurnResult> AskYesNoAsync(WaterfallStepContext<FlowOptions, TValues> step, string expecting, ResponseKey question,
        CancellationToken cancellationToken, params (string Name, string Value)[] values) =>
        (await SlotsAsync(step.Context, cancellationToken)).Facts.TryGetValue(expecting, out var known)
            ? await step.NextAsync(known, cancellationToken)
            : await step.PromptAsync(expecting, KoreanPromptOptions.YesNo(Scripts, question, null, values), cancellationToken);

    protected Task<DialogTurnResult> AskForFileAsync(WaterfallStepContext<FlowOptions, TValues> step, string expecting, ResponseKey question, ResponseKey retry,
        CancellationToken cancellationToken) =>
        step.PromptAsync(expecting, new PromptOptions { Prompt = Scripts.Message(question), RetryPrompt = Scripts.Message(retry) }, cancellationToken);

    protected Task SayAsync(ITurnContext turnContext, ResponseKey key, CancellationToken cancellationToken, params (string Name, string Value)[] values) =>
        turnContext.SendActivityAsync(Scripts.Message(key, values), cancellationToken);

    protected Task<FlowSlots> SlotsAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Flow.Slots.GetAsync(turnContext, cancellationToken);

    /// <summary>The flow ends here, as <paramref name="outcome"/> says (the router records it).</summary>
    protected static Task<DialogTurnResult> EndAsync(WaterfallStepContext<FlowOptions, TValues> step, FlowOutcome outcome, CancellationToken cancellationToken) =>
        step.EndDialogAsync(outcome, cancellationToken);

    /// <summary>The usage search found nothing (the customer heard so and was offered an agent).</summary>
    protected static readonly FlowOutcome UsageNotFound = FlowOutcome.NotFound("usage");
}

/// <summary>A playbook flow as the router sees it.</summary>
public interface IFlow
{
    string? Version { get; }
}
