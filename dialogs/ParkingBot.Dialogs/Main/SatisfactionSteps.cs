using ParkingBot.Dialogs.Outcomes;
using ParkingBot.Dialogs.Prompts;
using ParkingBot.Dialogs.Responses;
using ParkingBot.Dialogs.Understanding;
using ParkingBot.Framework.Analytics;
using ParkingBot.Framework.Dialogs;
using ParkingBot.Framework.Dialogs.Prompts;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Dialogs.Main;

/// <summary>
/// The satisfaction questions after "더 궁금하신 점" is answered no: the rating, then a comment that may be skipped.
/// Its steps keep their names (a saved conversation resumes in them after a release).
/// </summary>
public sealed class SatisfactionSteps(ResponseScripts scripts, ConversationOutcomes outcomes, CustomerPhrases phrases)
{
    private readonly ResponseScripts _scripts = scripts;
    private readonly ConversationOutcomes _outcomes = outcomes;
    private readonly RatingPrompt _rating = new(Expecting.Rating, phrases);

    public WaterfallDialog<MainDialogOptions, MainDialogValues> Dialog(string id) => new(id, [AskRatingAsync, AskCommentAsync, ThankAsync]);

    /// <summary>CSAT: 1 to 5, or skipped (a second answer that is no rating counts as skipped).</summary>
    private Task<DialogTurnResult> AskRatingAsync(WaterfallStepContext<MainDialogOptions, MainDialogValues> step, CancellationToken cancellationToken) =>
        step.PromptAsync(Expecting.Rating, RatingPrompt.Options(_scripts), cancellationToken);

    /// <summary>Rated: a comment may follow (skippable). Skipped: goodbye.</summary>
    private async Task<DialogTurnResult> AskCommentAsync(WaterfallStepContext<MainDialogOptions, MainDialogValues> step, CancellationToken cancellationToken)
    {
        if (RatingPrompt.Score(step.Result) is not { } score)
        {
            await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.ClosingGoodbye), cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }
        _outcomes.CsatAnswered(step.Context, score);
        var ask = _scripts.Message(ResponseKeys.CsatAskComment);
        ask.SuggestedActions = new SuggestedActions { Actions = [CardAction.ImBack(_scripts.Text(ResponseKeys.CsatSkip))] };
        return await step.PromptAsync(Expecting.Comment, new PromptOptions { Prompt = ask }, cancellationToken);
    }

    private async Task<DialogTurnResult> ThankAsync(WaterfallStepContext<MainDialogOptions, MainDialogValues> step, CancellationToken cancellationToken)
    {
        if (step.Result is string comment && !_rating.Skips(comment, _scripts))
        {
            _outcomes.Remark(step.Context, CustomerRemark.CsatComment, comment);
        }
        else
        {
            // Nothing was left: nothing to thank for but the rating, which the comment question already thanked.
            await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.ClosingGoodbye), cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }
        await step.Context.SendActivitiesAsync([_scripts.Message(ResponseKeys.CsatThanks), _scripts.Message(ResponseKeys.ClosingGoodbye)], cancellationToken);
        return await step.EndDialogAsync(null, cancellationToken);
    }
}
