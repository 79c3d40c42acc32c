using ParkingBot.Dialogs.Prompts;
using ParkingBot.Dialogs.Responses;
using ParkingBot.Dialogs.Understanding;
using ParkingBot.Framework.Dialogs;

namespace ParkingBot.Dialogs.Flows.Shared;

/// <summary>
/// 본인확인: "가입자 본인이십니까?" Yes → thanks, result true (remembered for the conversation). No → 상담제한, result
/// false (nothing about the usage is said).
/// </summary>
public sealed class IdentityCheckDialog : ComponentDialog
{
    private readonly ResponseScripts _scripts;
    private readonly SlotMemory _slots;

    public IdentityCheckDialog(ResponseScripts scripts, SlotMemory slots, AnswerJudge judge) : base(nameof(IdentityCheckDialog))
    {
        _scripts = scripts;
        _slots = slots;
        AddDialog(new WaterfallDialog<FlowOptions, Empty>("identity.steps", [AskAsync, DecideAsync]));
        AddDialog(new YesNoPrompt(Expecting.Identity, judge, FlowValidators.OfferAgentAfterTwoMisses<bool>(scripts), clarifying: new ClarifyingQuestions(scripts)));
    }

    private Task<DialogTurnResult> AskAsync(WaterfallStepContext<FlowOptions, Empty> step, CancellationToken cancellationToken) =>
        step.PromptAsync(Expecting.Identity, KoreanPromptOptions.YesNo(_scripts, ResponseKeys.IdentityAsk), cancellationToken);

    private async Task<DialogTurnResult> DecideAsync(WaterfallStepContext<FlowOptions, Empty> step, CancellationToken cancellationToken)
    {
        var holder = step.GetResult<bool>();
        (await _slots.GetAsync(step.Context, cancellationToken)).IdentityConfirmed = holder;
        await step.Context.SendActivityAsync(_scripts.Message(holder ? ResponseKeys.IdentityThanks : ResponseKeys.IdentityRestricted), cancellationToken);
        return await step.EndDialogAsync(holder, cancellationToken);
    }
}

public sealed class Empty;
