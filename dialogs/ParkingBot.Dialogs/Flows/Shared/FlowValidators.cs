using ParkingBot.Dialogs.Main;
using ParkingBot.Dialogs.Responses;
using ParkingBot.Framework.Dialogs.Prompts;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Dialogs.Flows.Shared;

/// <summary>Validators shared by the flows' prompts.</summary>
public static class FlowValidators
{
    /// <summary>
    /// After two answers that were not understood, the re-ask also offers a person (the 상담원 연결 button,
    /// which works anywhere in a flow).
    /// </summary>
    public static PromptValidator<T> OfferAgentAfterTwoMisses<T>(ResponseScripts scripts) => async (prompt, cancellationToken) =>
    {
        if (prompt.Recognized.Succeeded)
        {
            return true;
        }
        if (prompt.AttemptCount >= 2)
        {
            var offer = prompt.Options.RetryPrompt?.Clone() ?? scripts.Message(ResponseKeys.PromptYesNoRetry);
            await prompt.Context.SendActivityAsync(offer, cancellationToken);
            await prompt.Context.SendActivityAsync(scripts.MessageOfferingAgent(ResponseKeys.FlowOfferAgent), cancellationToken);
        }
        return false;
    };
}
