using Microsoft.Extensions.Logging;

namespace ParkingBot.Language.Intents;

/// <summary>
/// Asks the primary recognizer (CLU) and, when it fails or takes longer than the timeout, answers from the fallback
/// (the embedded recognizer) so the conversation goes on. Each fallback is logged as a warning.
/// </summary>
public sealed class FallbackIntentRecognizer(IIntentRecognizer primary, IIntentRecognizer fallback, TimeSpan timeout, ILogger logger) : IIntentRecognizer
{
    public async Task<IntentResult> RecognizeAsync(string utterance, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await primary.RecognizeAsync(utterance, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The intent recognizer took longer than {TimeoutMilliseconds} ms; answered from the fallback.", (int)timeout.TotalMilliseconds);
        }
        catch (CluException e)
        {
            logger.LogWarning("The intent recognizer failed ({Reason}); answered from the fallback.", e.Message);
        }
        return await fallback.RecognizeAsync(utterance, cancellationToken);
    }
}
