using Microsoft.Extensions.Logging.Abstractions;
using ParkingBot.Dialogs.Understanding;
using ParkingBot.Language.Intents;
using ParkingBot.Language.Recognizers;

namespace ParkingBot.Commands;

/// <summary>What the commands read as the web host would: appsettings.json next to the app, then environment variables.</summary>
public static class CommandConfiguration
{
    public static IConfiguration Load() => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();

    /// <summary>The intent recognizer Recognizer:Kind chooses, and the embedded one it is built on (for its training report).</summary>
    public static (IIntentRecognizer Recognizer, EmbeddedIntentRecognizer Embedded) IntentRecognizer(IConfiguration configuration, KoreanEntityRecognizer entities)
    {
        var embedded = IntentRecognizerRegistration.TrainEmbedded(configuration, entities, NullLogger.Instance);
        return (IntentRecognizerRegistration.Create(configuration, embedded, new HttpClient(), NullLoggerFactory.Instance), embedded);
    }
}
