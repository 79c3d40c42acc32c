using ParkingBot.Dialogs.Responses;
using ParkingBot.Dialogs.Understanding;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Dialogs.Prompts;

/// <summary>
/// What the bot asks when it only guesses a yes or no: the question restated as it understood the answer ("호출 버튼이
/// 있다는 말씀이시죠?"), so the customer's 네 keeps the guess and 아니요 turns it. By question and guess; a question
/// without one is asked again as it is.
/// </summary>
public sealed class ClarifyingQuestions(ResponseScripts scripts)
{
    private static readonly Dictionary<(string Question, bool Guess), ResponseKey> Keys = new()
    {
        [(Expecting.Identity, true)] = ResponseKeys.ClarifyIdentityYes,
        [(Expecting.Identity, false)] = ResponseKeys.ClarifyIdentityNo,
        [(Expecting.UsageConfirm, true)] = ResponseKeys.ClarifyUsageYes,
        [(Expecting.UsageConfirm, false)] = ResponseKeys.ClarifyUsageNo,
        [(Expecting.CarConfirm, true)] = ResponseKeys.ClarifyCarYes,
        [(Expecting.CarConfirm, false)] = ResponseKeys.ClarifyCarNo,
        [(Expecting.ImmediateExit, true)] = ResponseKeys.ClarifyLeavingNowYes,
        [(Expecting.ImmediateExit, false)] = ResponseKeys.ClarifyLeavingNowNo,
        [(Expecting.LeavingNow, true)] = ResponseKeys.ClarifyLeavingNowYes,
        [(Expecting.LeavingNow, false)] = ResponseKeys.ClarifyLeavingNowNo,
        [(Expecting.CallButton, true)] = ResponseKeys.ClarifyCallButtonYes,
        [(Expecting.CallButton, false)] = ResponseKeys.ClarifyCallButtonNo,
        [(Expecting.PaidOnSite, true)] = ResponseKeys.ClarifyPaidOnSiteYes,
        [(Expecting.PaidOnSite, false)] = ResponseKeys.ClarifyPaidOnSiteNo,
        [(Expecting.LotCheckConsent, true)] = ResponseKeys.ClarifyLotCheckYes,
        [(Expecting.LotCheckConsent, false)] = ResponseKeys.ClarifyLotCheckNo,
    };

    /// <summary>The clarifying question for <paramref name="guess"/> at <paramref name="question"/>, or null.</summary>
    public Activity? For(string question, bool guess) => Keys.TryGetValue((question, guess), out var key) ? scripts.Message(key) : null;
}
