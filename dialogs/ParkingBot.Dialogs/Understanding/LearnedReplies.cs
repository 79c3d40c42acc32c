using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using ParkingBot.Framework.Builder;
using ParkingBot.Language.Recognizers;
using ParkingBot.Language.Replies;

namespace ParkingBot.Dialogs.Understanding;

/// <summary>
/// What the learned classifier makes of a message at a question, where the phrase lists found no answer: a yes or no
/// it is sure of (<see cref="Sure"/>), one it only leans to (<see cref="Unsure"/>: worth a clarifying question), or a
/// wish to stop.
/// </summary>
public sealed record LearnedReading(string Question, bool? Sure, bool? Unsure, bool Stop)
{
    private const string TurnStateKey = "ParkingBot.LearnedReading";

    public static readonly LearnedReading None = new("", null, null, false);

    /// <summary>Keeps the reading for the rest of the turn, so the question that takes the answer reads it too.</summary>
    public LearnedReading RememberFor(ITurnContext turnContext)
    {
        turnContext.TurnState[TurnStateKey] = this;
        return this;
    }

    /// <summary>This turn's reading at <paramref name="question"/>, if the turn was read there.</summary>
    public static LearnedReading? ThisTurn(ITurnContext turnContext, string question) =>
        turnContext.TurnState.Get<LearnedReading>(TurnStateKey) is { } reading && reading.Question == question ? reading : null;
}

/// <summary>
/// The replies classifier with the bot's two bars (section Recognizer): at or above ReplySure a learned yes, no or stop
/// is taken as said; between ReplyClarify and ReplySure a yes or no is only a guess, and the bot asks whether it
/// understood rather than acting on it. The model speaks only where nothing else does: the phrase lists found no
/// answer, and the message asks nothing and brings no day, car, lot or time (those are read for what they say).
/// </summary>
public sealed class LearnedReplies(ReplyClassifier classifier, UnderstandingSettings settings)
{
    /// <summary>The classifier's reading of <paramref name="text"/> at <paramref name="question"/>, or null where it has none.</summary>
    public ReplyGuess? Guess(string? text, string? question) =>
        question is not null && !string.IsNullOrWhiteSpace(text) && classifier.Knows(question) ? classifier.Classify(question, text) : null;

    /// <summary>What to make of a message that answers nothing in phrases, asks nothing and carries nothing.</summary>
    public LearnedReading Read(string text, string? question)
    {
        if (Guess(text, question) is not { } guess)
        {
            return LearnedReading.None;
        }
        var answer = guess.Label is ReplyLabels.Yes or ReplyLabels.No ? guess.Label == ReplyLabels.Yes : (bool?)null;
        var sure = guess.Confidence >= settings.ReplySure;
        return new LearnedReading(question!,
            Sure: sure ? answer : null,
            Unsure: !sure && guess.Confidence >= settings.ReplyClarify ? answer : null,
            Stop: sure && guess.Label == ReplyLabels.Stop);
    }

    /// <summary>Whether the model is sure the message means to stop (waiting for an agent: to stop waiting).</summary>
    public bool SaysStop(string? text, string question) =>
        Guess(text, question) is { Label: ReplyLabels.Stop } guess && guess.Confidence >= settings.ReplySure;

    /// <summary>Trains the classifier from Recognizer:RepliesFile (default: the corpus next to the app) and logs what it measured.</summary>
    public static ReplyClassifier Train(IConfiguration configuration, KoreanEntityRecognizer entities, ILogger logger)
    {
        var file = configuration["Recognizer:RepliesFile"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(AppContext.BaseDirectory, ReplyCorpus.DefaultFileName);
        var classifier = ReplyClassifier.Train(ReplyCorpus.Load(file), entities);
        var report = classifier.Report;
        logger.LogInformation("Replies classifier trained on {Replies} replies ({Features} features) in {TrainingMilliseconds} ms; cross-validated accuracy {Accuracy:P1}, temperature {Temperature}.",
            report.Replies, report.Features, (int)report.TrainingTime.TotalMilliseconds, report.CrossValidation.Accuracy, report.Temperature);
        return classifier;
    }
}
