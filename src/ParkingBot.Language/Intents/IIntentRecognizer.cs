namespace ParkingBot.Language.Intents;

/// <summary>Finds what a customer's message is about (the Bot Framework's IRecognizer, for intents).</summary>
public interface IIntentRecognizer
{
    Task<IntentResult> RecognizeAsync(string utterance, CancellationToken cancellationToken = default);
}
