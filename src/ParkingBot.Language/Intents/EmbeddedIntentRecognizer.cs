using System.Diagnostics;
using ParkingBot.Language.Recognizers;

namespace ParkingBot.Language.Intents;

/// <summary>How the embedded recognizer trains and when it says None.</summary>
public sealed record EmbeddedRecognizerSettings
{
    /// <summary>Below this calibrated score the top intent is None.</summary>
    public double Threshold { get; init; } = 0.5;

    public int Epochs { get; init; } = 12;

    /// <summary>Folds of the cross-validation that fits the score calibration (and measures accuracy on unseen utterances).</summary>
    public int CalibrationFolds { get; init; } = 4;

    public int Seed { get; init; } = 7;
}

/// <summary>What training measured: how long it took, and how well held-out folds of the training data were recognized.</summary>
public sealed record EmbeddedTrainingReport(int Utterances, int Features, TimeSpan TrainingTime, double Temperature, CrossValidation CrossValidation)
{
    public double CrossValidatedAccuracy => CrossValidation.Accuracy;
}

/// <summary>
/// The default, offline intent recognizer: trains at start-up from the CLU project file (the same data an Azure CLU
/// deployment is trained on), as a <see cref="CalibratedClassifier"/> over <see cref="IntentFeaturizer"/>'s features,
/// so a score of 0.8 means about 80 % of such answers are right; below <see cref="EmbeddedRecognizerSettings.Threshold"/>
/// the top intent is None.
/// </summary>
public sealed class EmbeddedIntentRecognizer : IIntentRecognizer
{
    public const string SourceName = "embedded";
    private readonly IntentFeaturizer _featurizer;
    private readonly CalibratedClassifier _classifier;
    private readonly double _threshold;

    private EmbeddedIntentRecognizer(IntentFeaturizer featurizer, CalibratedClassifier classifier, double threshold, EmbeddedTrainingReport report)
    {
        _featurizer = featurizer;
        _classifier = classifier;
        _threshold = threshold;
        Report = report;
    }

    public EmbeddedTrainingReport Report { get; }

    public static EmbeddedIntentRecognizer Train(ConversationProject project, KoreanEntityRecognizer entities, EmbeddedRecognizerSettings? settings = null)
    {
        settings ??= new EmbeddedRecognizerSettings();
        var clock = Stopwatch.StartNew();
        var featurizer = new IntentFeaturizer(entities);
        var examples = project.Utterances.Select(u => featurizer.Features(u.Text)).ToList();
        var classifier = CalibratedClassifier.Train(examples, project.Utterances.Select(u => u.Intent).ToList(), project.Intents,
            new ClassifierTraining(settings.Epochs, settings.CalibrationFolds, settings.Seed));
        var report = new EmbeddedTrainingReport(examples.Count, classifier.Features, clock.Elapsed, classifier.Temperature, classifier.CrossValidation);
        return new EmbeddedIntentRecognizer(featurizer, classifier, settings.Threshold, report);
    }

    public IntentResult Recognize(string utterance)
    {
        var probabilities = _classifier.Probabilities(_featurizer.Features(utterance));
        return IntentResult.FromScores(_classifier.Labels.Select((intent, k) => new IntentScore(intent, Math.Round(probabilities[k], 4))).ToList(), _threshold, SourceName);
    }

    public Task<IntentResult> RecognizeAsync(string utterance, CancellationToken cancellationToken = default) => Task.FromResult(Recognize(utterance));
}
