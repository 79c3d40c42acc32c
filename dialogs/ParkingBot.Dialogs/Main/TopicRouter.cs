using ParkingBot.Dialogs.Understanding;
using ParkingBot.Language.Intents;

namespace ParkingBot.Dialogs.Main;

/// <summary>Turns what was understood of a message into the router's decisions.</summary>
public sealed class TopicRouter(UnderstandingSettings settings)
{
    /// <summary>The topic the message is about, when the recognizer is sure enough (below its threshold it says None).</summary>
    public static Topic? Confident(MessageUnderstanding understanding) => Topics.ForIntent(understanding.Intent.TopIntent);

    /// <summary>Whether the message is, with confidence, <paramref name="intent"/> (Greeting, Help, Cancel...).</summary>
    public static bool Is(MessageUnderstanding understanding, string intent) => understanding.Intent.TopIntent == intent;

    /// <summary>
    /// A flow the customer turns to at "더 궁금하신 점": the recognizer is sure of it, and the message is more than a bare yes
    /// or no ("아니요, 주차권은 언제 결제돼요?" starts it; "아니오" alone must not).
    /// </summary>
    public static Topic? NewTopic(MessageUnderstanding understanding, bool bareAnswer) =>
        !bareAnswer && Confident(understanding) is { DialogId: not null } topic ? topic : null;

    /// <summary>Of the plausible topics (at least <paramref name="floor"/>), the likeliest one about a product the message names.</summary>
    private Topic? ByProduct(MessageUnderstanding understanding, IEnumerable<IReadOnlyList<string>> productsNamed, double floor)
    {
        var likely = understanding.Intent.Intents
            .Where(s => s.Score >= floor && Topics.ForIntent(s.Intent) is { DialogId: not null })
            .ToList();
        return productsNamed
            .Select(topics => likely.FirstOrDefault(s => topics.Contains(s.Intent)))
            .OfType<IntentScore>()
            .Select(best => Topics.ForIntent(best.Intent))
            .FirstOrDefault();
    }

    /// <summary>
    /// The topic to start from free text: the one the recognizer is sure of, unless the message names a product that topic
    /// is not about and one of the likeliest topics is ("…발레로 15,000원이 찍혀 있던데 발레를 써본 적이 없어요" is valet,
    /// even when the recognizer leans to the parking pass); when unsure, the product named settles it.
    /// </summary>
    public Topic? FromFreeText(MessageUnderstanding understanding, IReadOnlyList<IReadOnlyList<string>> productsNamed)
    {
        if (Confident(understanding) is not { } confident)
        {
            return ByProduct(understanding, productsNamed, settings.SuggestionFloor);
        }
        return !productsNamed.Any(topics => topics.Contains(confident.Id)) && ByProduct(understanding, productsNamed, settings.SuggestionFloor) is { } byProduct
            ? byProduct
            : confident;
    }

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
    /// answers the question asked is an answer, not a Cancel or Help ("아니요 됐어요", "호출버튼이 없는데요").
    /// </summary>
    public string? Interruption(MessageUnderstanding understanding, bool answersTheQuestion)
    {
        var intent = understanding.Intent.TopIntent;
        if (understanding.Intent.Score < settings.InterruptionThreshold)
        {
            return null;
        }
        return intent switch
        {
            IntentNames.AgentRequest => intent,
            IntentNames.Cancel or IntentNames.Help when !answersTheQuestion => intent,
            _ => null,
        };
    }
}
