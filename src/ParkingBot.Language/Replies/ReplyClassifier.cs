using System.Diagnostics;
using ParkingBot.Language.Intents;
using ParkingBot.Language.Recognizers;

namespace ParkingBot.Language.Replies;

/// <summary>The label a reply most likely has at its question, and its calibrated probability.</summary>
public sealed record ReplyGuess(string Label, double Confidence);

/// <summary>What training the replies classifier measured.</summary>
public sealed record ReplyTrainingReport(int Replies, int Features, TimeSpan TrainingTime, double Temperature, CrossValidation CrossValidation);

/// <summary>
/// What a customer's reply means at the question asked — yes, no, stop, a question of their own, or a comment — learned
/// from the replies corpus where phrase lists run out ("기둥 옆에 벨이 있네요" is yes to the call-button question). The
/// same words mean different things at different questions ("이미 나왔어요" is no to "leaving now?" and settles a
/// payment), so every feature of the message is also paired with the question: the model learns what holds everywhere
/// and what holds at one question. Probabilities are calibrated (<see cref="CalibratedClassifier"/>).
/// </summary>
public sealed class ReplyClassifier
{
    private readonly IntentFeaturizer _featurizer;
    private readonly CalibratedClassifier _classifier;
    private readonly IReadOnlySet<string> _questions;

    private ReplyClassifier(IntentFeaturizer featurizer, CalibratedClassifier classifier, IReadOnlySet<string> questions, ReplyTrainingReport report)
    {
        _featurizer = featurizer;
        _classifier = classifier;
        _questions = questions;
        Report = report;
    }

    public ReplyTrainingReport Report { get; }

    public static ReplyClassifier Train(IReadOnlyList<ReplyExample> corpus, KoreanEntityRecognizer entities, ClassifierTraining? training = null)
    {
        var clock = Stopwatch.StartNew();
        var featurizer = new IntentFeaturizer(entities);
        var examples = corpus.Select(e => Features(featurizer, e.Question, e.Text)).ToList();
        var classifier = CalibratedClassifier.Train(examples, corpus.Select(e => e.Label).ToList(), ReplyLabels.All, training ?? new ClassifierTraining());
        return new ReplyClassifier(featurizer, classifier, corpus.Select(e => e.Question).ToHashSet(StringComparer.Ordinal),
            new ReplyTrainingReport(corpus.Count, classifier.Features, clock.Elapsed, classifier.Temperature, classifier.CrossValidation));
    }

    /// <summary>Whether the corpus has replies to <paramref name="question"/> (elsewhere the model has nothing to say).</summary>
    public bool Knows(string question) => _questions.Contains(question);

    /// <summary>The most likely label of <paramref name="text"/> written at <paramref name="question"/>.</summary>
    public ReplyGuess Classify(string question, string text)
    {
        var probabilities = _classifier.Probabilities(Features(_featurizer, question, text));
        var best = Array.IndexOf(probabilities, probabilities.Max());
        return new ReplyGuess(_classifier.Labels[best], Math.Round(probabilities[best], 4));
    }

    private static IReadOnlyCollection<string> Features(IntentFeaturizer featurizer, string question, string text)
    {
        var general = featurizer.Features(text);
        var features = new List<string>(general.Count * 2 + 1) { "q\u0001" + question };
        features.AddRange(general);
        features.AddRange(general.Select(f => question + "\u0001" + f));
        return features;
    }
}
