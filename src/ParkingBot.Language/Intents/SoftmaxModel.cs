namespace ParkingBot.Language.Intents;

/// <summary>
/// Multinomial logistic regression over sparse binary features (each example scaled to unit length), trained with
/// AdaGrad and a little L2. Small, deterministic for a given seed, and fast enough to train at every start-up.
/// </summary>
internal sealed class SoftmaxModel
{
    private const double LearningRate = 0.2;
    private const double L2 = 3e-4;
    private readonly float[][] _weights;
    private readonly float[] _bias;

    private SoftmaxModel(int classes, int features)
    {
        _weights = new float[classes][];
        for (var k = 0; k < classes; k++)
        {
            _weights[k] = new float[features];
        }
        _bias = new float[classes];
    }

    public static SoftmaxModel Train(IReadOnlyList<int[]> examples, IReadOnlyList<int> labels, int classes, int features, int epochs, int seed)
    {
        var model = new SoftmaxModel(classes, features);
        var squaredWeights = new float[classes][];
        for (var k = 0; k < classes; k++)
        {
            squaredWeights[k] = new float[features];
        }
        var squaredBias = new double[classes];
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var random = new Random(seed);
        var probabilities = new double[classes];
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var i in order)
            {
                var example = examples[i];
                var value = Scale(example);
                model.Probabilities(example, 1.0, probabilities);
                for (var k = 0; k < classes; k++)
                {
                    var error = probabilities[k] - (labels[i] == k ? 1.0 : 0.0);
                    squaredBias[k] += error * error;
                    model._bias[k] -= (float)(LearningRate * error / Math.Sqrt(squaredBias[k] + 1e-8));
                    var weights = model._weights[k];
                    var squared = squaredWeights[k];
                    foreach (var j in example)
                    {
                        var gradient = error * value + L2 * weights[j];
                        squared[j] += (float)(gradient * gradient);
                        weights[j] -= (float)(LearningRate * gradient / Math.Sqrt(squared[j] + 1e-8));
                    }
                }
            }
        }
        return model;
    }

    public int Classes => _bias.Length;

    public double[] Logits(int[] example)
    {
        var value = Scale(example);
        var logits = new double[Classes];
        for (var k = 0; k < logits.Length; k++)
        {
            var weights = _weights[k];
            double sum = _bias[k];
            foreach (var j in example)
            {
                sum += weights[j] * value;
            }
            logits[k] = sum;
        }
        return logits;
    }

    /// <summary>softmax(logits / temperature) into <paramref name="probabilities"/>.</summary>
    public void Probabilities(int[] example, double temperature, double[] probabilities) =>
        Softmax(Logits(example), temperature, probabilities);

    public static void Softmax(double[] logits, double temperature, double[] probabilities)
    {
        var max = logits.Max();
        double total = 0;
        for (var k = 0; k < logits.Length; k++)
        {
            probabilities[k] = Math.Exp((logits[k] - max) / temperature);
            total += probabilities[k];
        }
        for (var k = 0; k < logits.Length; k++)
        {
            probabilities[k] /= total;
        }
    }

    private static double Scale(int[] example) => example.Length == 0 ? 0 : 1 / Math.Sqrt(example.Length);
}
