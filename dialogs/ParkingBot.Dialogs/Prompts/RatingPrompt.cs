using System.Text.RegularExpressions;
using ParkingBot.Dialogs.Responses;
using ParkingBot.Dialogs.Understanding;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Dialogs.Prompts;
using ParkingBot.Language.Recognizers;

namespace ParkingBot.Dialogs.Prompts;

/// <summary>
/// CSAT: 1점 to 5점 or 건너뛰기 as buttons (quick replies on KakaoTalk); typed answers count too: a digit ("4점 드릴게요"),
/// stars ("⭐⭐⭐⭐"), the words of phrases.ko.yaml's ratings ("다섯 점이요", "보통이요") or declining ("패스"). It never holds the
/// customer: a second answer that is no rating ends it as skipped. Its result is the score, or null when skipped.
/// </summary>
public sealed partial class RatingPrompt(string expecting, CustomerPhrases phrases)
    : ChoicePrompt(expecting, (prompt, _) => Task.FromResult(prompt.Recognized.Succeeded || prompt.AttemptCount >= 2))
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

    /// <summary>Whether a comment is the skip button, or the customer declining in words ("건너뛸게요").</summary>
    public bool Skips(string text, ResponseScripts scripts) =>
        NameRecognizer.Compact(text) == NameRecognizer.Compact(scripts.Text(ResponseKeys.CsatSkip)) || CustomerPhrases.Contains(text, phrases.Ratings.Skip);

    protected override async Task<PromptRecognizerResult<FoundChoice>> OnRecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        var text = turnContext.Activity.Text ?? "";
        if (Said(text) is { } said)
        {
            return new PromptRecognizerResult<FoundChoice>(true, new FoundChoice(said, -1));
        }
        return await base.OnRecognizeAsync(turnContext, options, cancellationToken);
    }

    /// <summary>"1".."5" or "skip" from what the customer typed, or null.</summary>
    public string? Said(string text)
    {
        var digits = Digit().Matches(text).Where(m => !StartsWithOutOf(text[(m.Index + 1)..])).Select(m => m.Value).Distinct().ToList();
        if (digits.Count == 1)
        {
            return digits[0];
        }
        var stars = text.Count(c => c is '★') + Regex.Matches(text, "⭐").Count;
        if (digits.Count == 0 && stars is >= 1 and <= 5)
        {
            return $"{stars}";
        }
        var worded = phrases.Ratings.Scores.Where(s => CustomerPhrases.Contains(text, s.Value)).Select(s => s.Key).Distinct().ToList();
        if (digits.Count == 0 && worded.Count == 1)
        {
            return $"{worded[0]}";
        }
        return digits.Count == 0 && worded.Count == 0 && CustomerPhrases.Contains(text, phrases.Ratings.Skip) ? Skip : null;
    }

    /// <summary>Whether what follows a digit names the scale ("점 만점에", "점만점").</summary>
    private bool StartsWithOutOf(string after)
    {
        var compact = NameRecognizer.Compact(after);
        return phrases.Ratings.OutOf.Any(o => compact.StartsWith(NameRecognizer.Compact(o), StringComparison.Ordinal));
    }

    [GeneratedRegex("(?<![0-9])[1-5](?![0-9])")]
    private static partial Regex Digit();
}
