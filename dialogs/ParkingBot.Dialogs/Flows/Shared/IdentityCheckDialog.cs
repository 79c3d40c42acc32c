using ParkingBot.Dialogs.Prompts;
using ParkingBot.Dialogs.Responses;
using ParkingBot.Framework.Dialogs;
using ParkingBot.Framework.Dialogs.Prompts;
using ParkingBot.Language.Prompts;
using ParkingBot.Language.Recognizers;

namespace ParkingBot.Dialogs.Flows.Shared;

/// <summary>본인확인: "가입자 본인이십니까?" Yes → thanks, result true. No → 상담제한, result false (nothing about the usage is said).</summary>
public sealed class IdentityCheckDialog : ComponentDialog
{
    private const string Confirm = "identityConfirm";
    private readonly ResponseScripts _scripts;

    public IdentityCheckDialog(ResponseScripts scripts, KoreanEntityRecognizer recognizer) : base(nameof(IdentityCheckDialog))
    {
        _scripts = scripts;
        AddDialog(new WaterfallDialog<FlowOptions, Empty>("identity", [AskAsync, DecideAsync]));
        AddDialog(new ConfirmPrompt(Confirm, FlowValidators.OfferAgentAfterTwoMisses<bool>(scripts), new KoreanConfirmRecognizer(recognizer)));
    }

    private Task<DialogTurnResult> AskAsync(WaterfallStepContext<FlowOptions, Empty> step, CancellationToken cancellationToken) =>
        step.PromptAsync(Confirm, KoreanPromptOptions.YesNo(_scripts, ResponseKeys.IdentityAsk), cancellationToken);

    private async Task<DialogTurnResult> DecideAsync(WaterfallStepContext<FlowOptions, Empty> step, CancellationToken cancellationToken)
    {
        var holder = step.GetResult<bool>();
        await step.Context.SendActivityAsync(_scripts.Message(holder ? ResponseKeys.IdentityThanks : ResponseKeys.IdentityRestricted), cancellationToken);
        return await step.EndDialogAsync(holder, cancellationToken);
    }
}

public sealed class Empty;
