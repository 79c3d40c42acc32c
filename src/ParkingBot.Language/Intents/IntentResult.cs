namespace ParkingBot.Language.Intents;

/// <summary>One intent and its calibrated probability (0–1).</summary>
public sealed record IntentScore(string Intent, double Score);

/// <summary>An entity as a cloud recognizer (CLU) labels it: a category and the text it covers.</summary>
public sealed record IntentEntity(string Category, string Text);

/// <summary>
/// What a recognizer understood of one utterance. <see cref="TopIntent"/> is <see cref="IntentNames.None"/> when the best
/// guess scored below the threshold; <see cref="Score"/> is then that best guess's score, so a designer sees how unsure it was.
/// <see cref="Intents"/> holds every intent, likeliest first.
/// </summary>
public sealed record IntentResult(string TopIntent, double Score, IReadOnlyList<IntentScore> Intents, string Source)
{
    public IReadOnlyList<IntentEntity> Entities { get; init; } = [];

    /// <summary>The best guess even when it fell below the threshold.</summary>
    public IntentScore? Best => Intents.Count > 0 ? Intents[0] : null;

    public static IntentResult FromScores(IReadOnlyList<IntentScore> scores, double threshold, string source)
    {
        var ranked = scores.OrderByDescending(s => s.Score).ToList();
        var best = ranked.Count > 0 ? ranked[0] : new IntentScore(IntentNames.None, 0);
        return new IntentResult(best.Score >= threshold ? best.Intent : IntentNames.None, best.Score, ranked, source);
    }
}

/// <summary>The intents of cognitive-models/ParkingBot.clu.json that the bot treats specially.</summary>
public static class IntentNames
{
    public const string None = "None";
    public const string AgentRequest = "AgentRequest";
    public const string Greeting = "Greeting";
    public const string Help = "Help";
    public const string Cancel = "Cancel";
}
