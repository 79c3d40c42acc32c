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
public sealed record EmbeddedTrainingReport(int Utterances, int Features, TimeSpan TrainingTime, double Temperature, double CrossValidatedAccuracy);

/// <summary>
/// The default, offline intent recognizer: trains at start-up from the CLU project file (the same data an Azure CLU
/// deployment is trained on). Scores are calibrated by temperature scaling fitted on cross-validated predictions, so
/// a score of 0.8 means about 80 % of such answers are right; below <see cref="EmbeddedRecognizerSettings.Threshold"/>
/// the top intent is None.
/// </summary>
public sealed class EmbeddedIntentRecognizer : IIntentRecognizer
{
    public const string SourceName = "embedded";
    private readonly IntentFeaturizer _featurizer;
    private readonly Dictionary<string, int> _vocabulary;
    private readonly IReadOnlyList<string> _intents;
    private readonly SoftmaxModel _model;
    private readonly double _temperature;
    private readonly double _threshold;

    private EmbeddedIntentRecognizer(IntentFeaturizer featurizer, Dictionary<string, int> vocabulary, IReadOnlyList<string> intents,
        SoftmaxModel model, double temperature, double threshold, EmbeddedTrainingReport report)
    {
        _featurizer = featurizer;
        _vocabulary = vocabulary;
        _intents = intents;
        _model = model;
        _temperature = temperature;
        _threshold = threshold;
        Report = report;
    }

    public EmbeddedTrainingReport Report { get; }

    public static EmbeddedIntentRecognizer Train(ConversationProject project, KoreanEntityRecognizer entities, EmbeddedRecognizerSettings? settings = null)
    {
        settings ??= new EmbeddedRecognizerSettings();
        var clock = Stopwatch.StartNew();
        var featurizer = new IntentFeaturizer(entities);
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var examples = new List<int[]>();
        var labels = new List<int>();
        foreach (var utterance in project.Utterances)
        {
            examples.Add(featurizer.Features(utterance.Text).Select(f => vocabulary.TryGetValue(f, out var i) ? i : vocabulary[f] = vocabulary.Count).ToArray());
            labels.Add(IndexOf(project.Intents, utterance.Intent));
        }

        var (temperature, accuracy) = Calibrate(examples, labels, project.Intents.Count, vocabulary.Count, settings);
        var model = SoftmaxModel.Train(examples, labels, project.Intents.Count, vocabulary.Count, settings.Epochs, settings.Seed);
        var report = new EmbeddedTrainingReport(examples.Count, vocabulary.Count, clock.Elapsed, temperature, accuracy);
        return new EmbeddedIntentRecognizer(featurizer, vocabulary, project.Intents, model, temperature, settings.Threshold, report);
    }

    public IntentResult Recognize(string utterance)
    {
        var example = _featurizer.Features(utterance).Select(f => _vocabulary.TryGetValue(f, out var i) ? i : -1).Where(i => i >= 0).ToArray();
        var probabilities = new double[_intents.Count];
        _model.Probabilities(example, _temperature, probabilities);
        return IntentResult.FromScores(_intents.Select((intent, k) => new IntentScore(intent, Math.Round(probabilities[k], 4))).ToList(), _threshold, SourceName);
    }

    public Task<IntentResult> RecognizeAsync(string utterance, CancellationToken cancellationToken = default) => Task.FromResult(Recognize(utterance));

    /// <summary>
    /// Trains on all folds but one and predicts the one left out, for every fold; then picks the temperature that makes
    /// those unseen predictions' probabilities most likely (lowest negative log-likelihood).
    /// </summary>
    private static (double Temperature, double Accuracy) Calibrate(List<int[]> examples, List<int> labels, int classes, int features, EmbeddedRecognizerSettings settings)
    {
        var fold = Enumerable.Range(0, examples.Count).Select(i => i % settings.CalibrationFolds).ToArray();
        new Random(settings.Seed).Shuffle(fold);
        var heldOutLogits = new double[examples.Count][];
        for (var f = 0; f < settings.CalibrationFolds; f++)
        {
            var train = Enumerable.Range(0, examples.Count).Where(i => fold[i] != f).ToList();
            var model = SoftmaxModel.Train(train.Select(i => examples[i]).ToList(), train.Select(i => labels[i]).ToList(), classes, features, settings.Epochs, settings.Seed);
            foreach (var i in Enumerable.Range(0, examples.Count).Where(i => fold[i] == f))
            {
                heldOutLogits[i] = model.Logits(examples[i]);
            }
        }
        var correct = Enumerable.Range(0, examples.Count).Count(i => ArgMax(heldOutLogits[i]) == labels[i]);
        var probabilities = new double[classes];
        var best = (Temperature: 1.0, Loss: double.MaxValue);
        for (var temperature = 0.05; temperature <= 5; temperature += 0.05)
        {
            double loss = 0;
            for (var i = 0; i < examples.Count; i++)
            {
                SoftmaxModel.Softmax(heldOutLogits[i], temperature, probabilities);
                loss -= Math.Log(Math.Max(probabilities[labels[i]], 1e-12));
            }
            if (loss < best.Loss)
            {
                best = (temperature, loss);
            }
        }
        return (Math.Round(best.Temperature, 2), (double)correct / examples.Count);
    }

    private static int ArgMax(double[] values) => Array.IndexOf(values, values.Max());

    private static int IndexOf(IReadOnlyList<string> intents, string intent)
    {
        for (var i = 0; i < intents.Count; i++)
        {
            if (intents[i] == intent)
            {
                return i;
            }
        }
        throw new InvalidDataException($"Unknown intent '{intent}'.");
    }
}
