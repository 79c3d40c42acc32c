using ParkingBot.Dialogs.Prompts;
using ParkingBot.Dialogs.Responses;
using ParkingBot.Framework.Builder;
using ParkingBot.Language.Intents;
using ParkingBot.Language.Recognizers;

namespace ParkingBot.Dialogs.Understanding.Acts;

/// <summary>
/// Reads what a message contains into <see cref="TurnSignals"/>: the intent, the slots, the yes or no to the question
/// asked (by the phrases, else by the learned classifier, <see cref="LearnedReplies"/>), the commands and follow-up
/// questions in its words (phrases.ko.yaml). The reading runs the recognizers; what to do with it is
/// <see cref="TurnInterpreter"/>'s.
/// </summary>
public sealed class TurnReader(TurnUnderstanding understanding, SlotReader slots, AnswerJudge judge, CustomerPhrases phrases, FollowUps.FollowUpAnswers followUps,
    ResponseScripts scripts, UnderstandingSettings settings, LearnedReplies learned)
{
    private const int LettersBesidesTheLot = 6;
    private readonly RatingPrompt _rating = new(Expecting.Rating, phrases);

    /// <summary>The message's signals at <paramref name="place"/>, or null when it has no text (a file, an event).</summary>
    public async Task<TurnSignals?> ReadAsync(ITurnContext turnContext, TurnPlace place, CancellationToken cancellationToken)
    {
        var text = turnContext.Activity.Text;
        var agentButton = LettersOf(text) == LettersOf(scripts.Text(Main.Topics.AgentRequest.Title));
        if (await understanding.UnderstandAsync(turnContext, cancellationToken) is not { } understood)
        {
            return agentButton ? new TurnSignals { Text = text ?? "", AgentButton = true } : null;
        }
        var said = await slots.ReadAsync(turnContext, place.Expecting, cancellationToken);
        var intent = understood.Intent;
        var answer = judge.Judge(understood.Text, place.Expecting, understood.Entities);
        var asks = AsksSomething(understood.Text);
        var reading = (answer is null && !asks && !said.Beyond(place.Known).CarriesAny ? learned.Read(understood.Text, place.Expecting) : LearnedReading.None).RememberFor(turnContext);
        return new TurnSignals
        {
            Text = understood.Text,
            Intent = intent.TopIntent,
            InterruptingIntent = intent.Score >= settings.InterruptionThreshold ? intent.TopIntent : null,
            TopicNamed = Main.TopicRouter.Confident(understood) is { DialogId: not null } topic ? topic.Id : null,
            Answer = answer ?? reading.Sure,
            UnsureAnswer = reading.Unsure,
            LearnedStop = reading.Stop,
            BareAnswer = judge.IsBareAnswer(understood.Text, place.Expecting, understood.Entities),
            EndsWithAnswer = judge.EndsWithTheAnswer(understood.Text, place.Expecting, understood.Entities),
            Said = said,
            FollowUp = followUps.Match(place.Known.TopicId, understood.Text),
            AsksSomething = asks,
            AgentButton = agentButton,
            SaysAgent = CustomerPhrases.Contains(understood.Text, phrases.Commands.Agent),
            SaysRestart = CustomerPhrases.Contains(understood.Text, phrases.Commands.Restart),
            SaysStop = CustomerPhrases.Contains(understood.Text, phrases.Commands.Cancel),
            GivesRating = _rating.Said(understood.Text) is not null,
            MostlyALot = said.Lot is { } lot && Compact(understood.Text).Length - Compact(lot.Said).Length <= LettersBesidesTheLot,
            Pleasantry = intent.TopIntent == IntentNames.Greeting || CustomerPhrases.Contains(understood.Text, phrases.Cues.Remark),
            AsksHowToAnswer = CustomerPhrases.Contains(understood.Text, phrases.Cues.HowToAnswer),
            Remark = CustomerPhrases.Contains(understood.Text, phrases.Cues.Remark),
            NamesAProduct = phrases.ProductsNamedIn(understood.Text).Any(),
        };
    }

    /// <summary>A question mark, or a question's ending ("…없나요", "…어떻게 돼요").</summary>
    private bool AsksSomething(string text)
    {
        var trimmed = text.TrimEnd(' ', '.', '~', '!', 'ㅠ', 'ㅜ', 'ㅎ', 'ㅋ', 'ㅡ', ';');
        return text.Contains('?') || phrases.Cues.Question.Any(ending => trimmed.EndsWith(ending, StringComparison.Ordinal));
    }

    private static string LettersOf(string? text) => string.Concat((text ?? "").Where(char.IsLetterOrDigit));

    private static string Compact(string? text) => NameRecognizer.Compact(text ?? "");
}
