using Microsoft.Extensions.Configuration;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Schema;
using ParkingBot.Language.Intents;
using ParkingBot.Language.Prompts;
using ParkingBot.Language.Recognizers;

namespace ParkingBot.Dialogs.Understanding;

/// <summary>What the bot understood of the current message: the intent and the Korean entities.</summary>
public sealed record MessageUnderstanding(string Text, IntentResult Intent, IReadOnlyList<RecognizedEntity> Entities);

/// <summary>
/// How sure the router must be (configuration section Recognizer): Threshold starts a flow from free text (below it,
/// the likeliest topics are offered); InterruptionThreshold lets AgentRequest, Cancel or Help interrupt a running flow
/// (much higher, because an answer to a question must not be taken for one: explicit phrases such as "그만할래요" or
/// "도움말" score 0.99 and more, while answers such as "지금은 영수증이 없어요" reach 0.87 for Cancel); SuggestionFloor is the least
/// score a topic needs to be offered as a guess. ReplySure and ReplyClarify are the bars of <see cref="LearnedReplies"/>.
/// </summary>
public sealed record UnderstandingSettings(double Threshold = 0.5, double InterruptionThreshold = 0.95, double SuggestionFloor = 0.1,
    double ReplySure = 0.85, double ReplyClarify = 0.5)
{
    public static UnderstandingSettings From(IConfiguration configuration) => new(
        configuration.GetValue("Recognizer:Threshold", 0.5),
        configuration.GetValue("Recognizer:InterruptionThreshold", 0.95),
        configuration.GetValue("Recognizer:SuggestionFloor", 0.1),
        configuration.GetValue("Recognizer:ReplySure", 0.85),
        configuration.GetValue("Recognizer:ReplyClarify", 0.5));
}

/// <summary>Understands a message once per turn (the router, the interruptions and the designer trace share it).</summary>
public sealed class TurnUnderstanding(IIntentRecognizer intents, KoreanEntityRecognizer entities, TimeProvider timeProvider)
{
    private const string TurnStateKey = "ParkingBot.Understanding";

    /// <summary>The understanding of this turn's message, or null when it has no text (an attachment, an event).</summary>
    public async Task<MessageUnderstanding?> UnderstandAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.TurnState.Get<Cached>(TurnStateKey) is { } cached)
        {
            return cached.Understanding;
        }
        var activity = turnContext.Activity;
        MessageUnderstanding? understanding = null;
        if (activity.IsType(ActivityTypes.Message) && activity.Text is { } text && !string.IsNullOrWhiteSpace(text))
        {
            understanding = new MessageUnderstanding(text, await intents.RecognizeAsync(text, cancellationToken),
                entities.Recognize(text, PromptClock.Now(activity, timeProvider)));
            Framework.Telemetry.BotTelemetry.RecognizerConfidence.Record(understanding.Intent.Score,
                new KeyValuePair<string, object?>("intent", understanding.Intent.TopIntent));
        }
        turnContext.TurnState[TurnStateKey] = new Cached(understanding);
        return understanding;
    }

    /// <summary>This turn's understanding, if it was made.</summary>
    public static MessageUnderstanding? ThisTurn(ITurnContext turnContext) => turnContext.TurnState.Get<Cached>(TurnStateKey)?.Understanding;

    private sealed record Cached(MessageUnderstanding? Understanding);
}
