using ParkingBot.Dialogs.Responses;
using ParkingBot.Framework.Dialogs.Prompts;
using ParkingBot.Language.Recognizers;

namespace ParkingBot.Dialogs.Prompts;

/// <summary>
/// CSAT: 1점 to 5점 or 건너뛰기 as buttons (quick replies on KakaoTalk); a typed "4점이요" or "4" counts. It never holds the
/// customer: a second answer that is no rating ends it as skipped. Its result is the score, or null when skipped.
/// </summary>
public sealed class RatingPrompt(string expecting) : ChoicePrompt(expecting, (prompt, _) => Task.FromResult(prompt.Recognized.Succeeded || prompt.AttemptCount >= 2))
{
    private const string Skip = "skip";

    public static PromptOptions Options(ResponseScripts scripts) => new()
    {
        Prompt = scripts.Message(ResponseKeys.CsatAsk),
        RetryPrompt = scripts.Message(ResponseKeys.CsatRetry),
        Choices =
        [
            .. Enumerable.Range(1, 5).Select(score => new Choice($"{score}") { Title = scripts.Text(ResponseKeys.CsatScore, ("score", $"{score}")) }),
            new Choice(Skip) { Title = scripts.Text(ResponseKeys.CsatSkip) },
        ],
    };

    /// <summary>The score the prompt ended with, or null (skipped).</summary>
    public static int? Score(object? result) => result is FoundChoice { Value: var value } && int.TryParse(value, out var score) && score is >= 1 and <= 5 ? score : null;

    /// <summary>Whether a comment is the skip button (or its words typed).</summary>
    public static bool Skips(string text, ResponseScripts scripts) => NameRecognizer.Compact(text) == NameRecognizer.Compact(scripts.Text(ResponseKeys.CsatSkip));
}
