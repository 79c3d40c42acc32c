namespace ParkingBot.Language.Intents;

/// <summary>How a learned classifier trains: epochs, the folds of its cross-validation, the shuffling seed.</summary>
public sealed record ClassifierTraining(int Epochs = 12, int Folds = 4, int Seed = 7);

/// <summary>One example's label and the label the model trained without its fold predicted.</summary>
public sealed record HeldOutPrediction(string Expected, string Predicted);

/// <summary>
/// What k-fold cross-validation measured: every training example predicted by a model that never saw it. The figure a
/// small corpus can give of how the model does on wording nobody trained it on.
/// </summary>
public sealed record CrossValidation(int Folds, IReadOnlyList<HeldOutPrediction> Predictions)
{
    public double Accuracy => Predictions.Count == 0 ? 0 : (double)Predictions.Count(p => p.Expected == p.Predicted) / Predictions.Count;

    /// <summary>For each label: how many examples had it, and the share of them predicted right (recall).</summary>
    public IReadOnlyList<(string Label, int Support, double Recall)> PerLabel() =>
        Predictions.GroupBy(p => p.Expected).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count(), (double)g.Count(p => p.Predicted == g.Key) / g.Count()))
            .ToList();
}

/// <summary>
/// A softmax model over sets of string features with calibrated probabilities: the vocabulary is learned from the
/// examples, and a temperature is fitted on k-fold held-out predictions (the lowest negative log-likelihood), so a
/// probability of 0.8 means about 80 % of such answers are right. Those held-out predictions are kept as the
/// cross-validation report. Deterministic for a given seed.
/// </summary>
public sealed class CalibratedClassifier
{
    private readonly Dictionary<string, int> _vocabulary;
    private readonly SoftmaxModel _model;

    private CalibratedClassifier(IReadOnlyList<string> labels, Dictionary<string, int> vocabulary, SoftmaxModel model, double temperature, CrossValidation crossValidation)
    {
        Labels = labels;
        _vocabulary = vocabulary;
        _model = model;
        Temperature = temperature;
        CrossValidation = crossValidation;
    }

    public IReadOnlyList<string> Labels { get; }

    public int Features => _vocabulary.Count;

    public double Temperature { get; }

    public CrossValidation CrossValidation { get; }

    public static CalibratedClassifier Train(IReadOnlyList<IReadOnlyCollection<string>> examples, IReadOnlyList<string> labels, IReadOnlyList<string> classes, ClassifierTraining training)
    {
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var encoded = examples.Select(e => e.Select(f => vocabulary.TryGetValue(f, out var i) ? i : vocabulary[f] = vocabulary.Count).ToArray()).ToList();
        var indices = labels.Select(label => IndexOf(classes, label)).ToList();
        var (temperature, heldOut) = Calibrate(encoded, indices, classes.Count, vocabulary.Count, training);
        var model = SoftmaxModel.Train(encoded, indices, classes.Count, vocabulary.Count, training.Epochs, training.Seed);
        var crossValidation = new CrossValidation(training.Folds,
            indices.Select((label, i) => new HeldOutPrediction(classes[label], classes[ArgMax(heldOut[i])])).ToList());
        return new CalibratedClassifier(classes, vocabulary, model, temperature, crossValidation);
    }

    /// <summary>The calibrated probability of each label (in <see cref="Labels"/>' order); features never seen are ignored.</summary>
    public double[] Probabilities(IEnumerable<string> features)
    {
        var example = features.Select(f => _vocabulary.TryGetValue(f, out var i) ? i : -1).Where(i => i >= 0).ToArray();
        var probabilities = new double[Labels.Count];
        _model.Probabilities(example, Temperature, probabilities);
        return probabilities;
    }

    /// <summary>
    /// Trains on all folds but one and predicts the one left out, for every fold; then picks the temperature that makes
    /// those unseen predictions' probabilities most likely.
    /// </summary>
    private static (double Temperature, double[][] HeldOutLogits) Calibrate(List<int[]> examples, List<int> labels, int classes, int features, ClassifierTraining training)
    {
        var fold = Enumerable.Range(0, examples.Count).Select(i => i % training.Folds).ToArray();
        new Random(training.Seed).Shuffle(fold);
        var heldOutLogits = new double[examples.Count][];
        for (var f = 0; f < training.Folds; f++)
        {
            var train = Enumerable.Range(0, examples.Count).Where(i => fold[i] != f).ToList();
            var model = SoftmaxModel.Train(train.Select(i => examples[i]).ToList(), train.Select(i => labels[i]).ToList(), classes, features, training.Epochs, training.Seed);
            foreach (var i in Enumerable.Range(0, examples.Count).Where(i => fold[i] == f))
            {
                heldOutLogits[i] = model.Logits(examples[i]);
            }
        }
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
        return (Math.Round(best.Temperature, 2), heldOutLogits);
    }

    private static int ArgMax(double[] values) => Array.IndexOf(values, values.Max());

    private static int IndexOf(IReadOnlyList<string> classes, string label)
    {
        for (var i = 0; i < classes.Count; i++)
        {
            if (classes[i] == label)
            {
                return i;
            }
        }
        throw new InvalidDataException($"Unknown label '{label}' (known: {string.Join(", ", classes)}).");
    }
}
