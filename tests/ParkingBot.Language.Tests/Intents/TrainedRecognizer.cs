using ParkingBot.Language.Intents;
using ParkingBot.Language.Recognizers;

namespace ParkingBot.Language.Tests.Intents;

/// <summary>The embedded recognizer trained once from the repository's CLU project, and the held-out test set.</summary>
public static class TrainedRecognizer
{
    private static readonly Lazy<EmbeddedIntentRecognizer> Trained = new(() =>
        EmbeddedIntentRecognizer.Train(ConversationProject.Load(ProjectFile), new KoreanEntityRecognizer()));

    public static string ProjectFile => Path.Combine(AppContext.BaseDirectory, ConversationProject.DefaultFileName);

    public static string TestSetFile => Path.Combine(AppContext.BaseDirectory, "cognitive-models", "test-set.tsv");

    public static EmbeddedIntentRecognizer Instance => Trained.Value;
}
