using System.Diagnostics;

namespace ParkingBot.Language.Intents;

/// <summary>One labelled test line: the intent a person meant and what they wrote.</summary>
public sealed record TestUtterance(string Intent, string Text);

public sealed record IntentMetrics(string Intent, int Support, double Precision, double Recall, double F1);

/// <summary>How a recognizer did on a labelled test set.</summary>
public sealed record EvaluationReport(
    int Total,
    int Correct,
    IReadOnlyList<string> Intents,
    IReadOnlyList<IntentMetrics> PerIntent,
    IReadOnlyDictionary<(string Expected, string Predicted), int> Confusion,
    IReadOnlyList<(TestUtterance Utterance, IntentResult Result)> Errors,
    TimeSpan MeanRecognitionTime)
{
    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;

    public int Count(string expected, string predicted) => Confusion.TryGetValue((expected, predicted), out var n) ? n : 0;
}

/// <summary>Scores a recognizer against a held-out set (cognitive-models/test-set.tsv: intent TAB utterance).</summary>
public static class IntentEvaluation
{
    /// <summary>Reads intent&lt;TAB&gt;utterance lines; blank lines and lines starting with # are skipped.</summary>
    public static IReadOnlyList<TestUtterance> ReadTsv(TextReader reader, string source = "test set")
    {
        var lines = new List<TestUtterance>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Trim().Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var tab = line.IndexOf('\t');
            if (tab <= 0 || tab == line.Length - 1)
            {
                throw new InvalidDataException($"{source}:{number}: expected intent<TAB>utterance.");
            }
            lines.Add(new TestUtterance(line[..tab].Trim(), line[(tab + 1)..].Trim()));
        }
        return lines;
    }

    public static async Task<EvaluationReport> EvaluateAsync(IIntentRecognizer recognizer, IReadOnlyList<TestUtterance> testSet, CancellationToken cancellationToken = default)
    {
        var confusion = new Dictionary<(string, string), int>();
        var errors = new List<(TestUtterance, IntentResult)>();
        var clock = Stopwatch.StartNew();
        foreach (var utterance in testSet)
        {
            var result = await recognizer.RecognizeAsync(utterance.Text, cancellationToken);
            var key = (utterance.Intent, result.TopIntent);
            confusion[key] = confusion.GetValueOrDefault(key) + 1;
            if (result.TopIntent != utterance.Intent)
            {
                errors.Add((utterance, result));
            }
        }
        var elapsed = clock.Elapsed;
        var intents = testSet.Select(u => u.Intent).Concat(confusion.Keys.Select(k => k.Item2)).Distinct().Order(StringComparer.Ordinal).ToList();
        var perIntent = intents.Select(intent =>
        {
            var truePositives = confusion.GetValueOrDefault((intent, intent));
            var predicted = confusion.Where(c => c.Key.Item2 == intent).Sum(c => c.Value);
            var support = confusion.Where(c => c.Key.Item1 == intent).Sum(c => c.Value);
            var precision = predicted == 0 ? 0 : (double)truePositives / predicted;
            var recall = support == 0 ? 0 : (double)truePositives / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            return new IntentMetrics(intent, support, precision, recall, f1);
        }).ToList();
        return new EvaluationReport(testSet.Count, testSet.Count - errors.Count, intents, perIntent, confusion, errors,
            testSet.Count == 0 ? TimeSpan.Zero : elapsed / testSet.Count);
    }
}
