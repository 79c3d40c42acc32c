namespace ParkingBot.Dialogs.Understanding.Acts;

/// <summary>What a message that opens an inquiry (the first one, or one at the menu) contains, for choosing its topic.</summary>
/// <param name="Intent">The intent the recognizer is sure of, or None.</param>
/// <param name="VagueTopics">The topics a message that only names a shared product may mean ("주차권이요"), or none.</param>
/// <param name="TopicFromFreeText">The topic the words settle on (the recognizer sure of it, or the product named), or null.</param>
/// <param name="LikelyTopics">The two or three likeliest topics when none is sure enough, or none.</param>
public sealed record OpeningSignals(string Intent, IReadOnlyList<string> VagueTopics, string? TopicFromFreeText, IReadOnlyList<string> LikelyTopics);

public enum OpeningKind
{
    /// <summary>Straight to the topic's flow.</summary>
    StartTopic,

    /// <summary>"혹시 이 중에 있으신가요?" with these topics.</summary>
    OfferTopics,

    /// <summary>The whole menu.</summary>
    ShowMenu,

    /// <summary>A stop with nothing under way: acknowledged, and the conversation rests.</summary>
    NothingToCancel,
}

/// <summary>
/// How an opening message is answered: its <see cref="Kind"/> with the topics to start or offer; whether the bot explains
/// what it does first (the customer asked for help), and whether the message is one designers should see as not
/// understood (not a greeting, not a request for help).
/// </summary>
public sealed record OpeningDecision(OpeningKind Kind, IReadOnlyList<string> Topics, bool ExplainFirst = false, bool NotUnderstood = false)
{
    /// <summary>
    /// The policy for an opening message, in order: a message that only names a product several topics share gets those
    /// topics; one whose topic is settled starts it; a stop with nothing to stop is acknowledged; otherwise (after the help
    /// text, when asked for) the likeliest topics, or the whole menu; a greeting always gets the menu.
    /// </summary>
    public static OpeningDecision For(OpeningSignals message)
    {
        if (message.VagueTopics.Count > 0)
        {
            return new OpeningDecision(OpeningKind.OfferTopics, message.VagueTopics);
        }
        if (message.TopicFromFreeText is { } topic)
        {
            return new OpeningDecision(OpeningKind.StartTopic, [topic]);
        }
        if (message.Intent == Language.Intents.IntentNames.Cancel)
        {
            return new OpeningDecision(OpeningKind.NothingToCancel, []);
        }
        var greeting = message.Intent == Language.Intents.IntentNames.Greeting;
        var help = message.Intent == Language.Intents.IntentNames.Help;
        return !greeting && message.LikelyTopics.Count > 0
            ? new OpeningDecision(OpeningKind.OfferTopics, message.LikelyTopics, help, !help)
            : new OpeningDecision(OpeningKind.ShowMenu, [], help, !greeting && !help);
    }
}
