using ParkingBot.Dialogs.Understanding;
using ParkingBot.Language.Intents;
using ParkingBot.Language.Recognizers;

namespace ParkingBot.Dialogs.Main;

/// <summary>Turns what was understood of a message into the router's decisions.</summary>
public sealed class TopicRouter(UnderstandingSettings settings)
{
    /// <summary>The topic the message is about, when the recognizer is sure enough (below its threshold it says None).</summary>
    public static Topic? Confident(MessageUnderstanding understanding) => Topics.ForIntent(understanding.Intent.TopIntent);

    /// <summary>Whether the message is, with confidence, <paramref name="intent"/> (Greeting, Help, Cancel...).</summary>
    public static bool Is(MessageUnderstanding understanding, string intent) => understanding.Intent.TopIntent == intent;

    /// <summary>The two or three likeliest flows when none is sure enough; empty when fewer than two are plausible.</summary>
    public IReadOnlyList<Topic> Suggestions(MessageUnderstanding understanding)
    {
        var likely = understanding.Intent.Intents
            .Where(s => s.Score >= settings.SuggestionFloor)
            .Select(s => Topics.ForIntent(s.Intent))
            .OfType<Topic>()
            .Where(t => t.DialogId is not null)
            .Take(3)
            .ToList();
        return likely.Count >= 2 ? likely : [];
    }

    /// <summary>
    /// AgentRequest, Cancel or Help said with enough confidence to interrupt a running flow, or null. A message that
    /// answers yes or no is an answer, not a Cancel or Help ("아니요 됐어요" answers the question asked).
    /// </summary>
    public string? Interruption(MessageUnderstanding understanding)
    {
        var intent = understanding.Intent.TopIntent;
        if (understanding.Intent.Score < settings.InterruptionThreshold)
        {
            return null;
        }
        return intent switch
        {
            IntentNames.AgentRequest => intent,
            IntentNames.Cancel or IntentNames.Help when !understanding.Says(EntityType.YesNo) => intent,
            _ => null,
        };
    }
}
