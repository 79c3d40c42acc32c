using System.Globalization;
using System.Text;
using ParkingBot.Language.Intents;
using ParkingBot.Language.Recognizers;

namespace ParkingBot.Commands;

/// <summary>
/// `nlu-eval &lt;file&gt; [--errors]`: scores the configured intent recognizer (Recognizer:Kind) on a TSV file of
/// intent&lt;TAB&gt;utterance lines: accuracy, per-intent precision, recall and F1, a confusion matrix, the mean recognition
/// time and the embedded recognizer's training time; --errors also lists every miss.
/// </summary>
public static class NluEvalCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args is not ([_] or [_, "--errors"]))
        {
            await error.WriteLineAsync("usage: nlu-eval <intent<TAB>utterance file> [--errors]");
            return 2;
        }
        var file = CommandLine.FromCaller(args[0]);
        if (!File.Exists(file))
        {
            await error.WriteLineAsync($"file not found: {file}");
            return 2;
        }
        IReadOnlyList<TestUtterance> testSet;
        try
        {
            using var reader = new StreamReader(file, Encoding.UTF8);
            testSet = IntentEvaluation.ReadTsv(reader, file);
        }
        catch (InvalidDataException e)
        {
            await error.WriteLineAsync(e.Message);
            return 2;
        }
        var (recognizer, embedded) = CommandConfiguration.IntentRecognizer(CommandConfiguration.Load(), new KoreanEntityRecognizer());
        var report = await IntentEvaluation.EvaluateAsync(recognizer, testSet);
        await output.WriteAsync(Format(file, recognizer, embedded.Report, report, listErrors: args.Length == 2));
        return 0;
    }

    public static string Format(string file, IIntentRecognizer recognizer, EmbeddedTrainingReport training, EvaluationReport report, bool listErrors)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"test set: {file} ({report.Total} utterances)");
        text.AppendLine(c, $"recognizer: {(recognizer is EmbeddedIntentRecognizer ? "embedded" : "clu (embedded fallback)")}; embedded trained on {training.Utterances} utterances, {training.Features} features, in {training.TrainingTime.TotalMilliseconds:F0} ms (cross-validated accuracy {training.CrossValidatedAccuracy:P1}, temperature {training.Temperature})");
        text.AppendLine(c, $"accuracy: {report.Accuracy:P2} ({report.Correct}/{report.Total})");
        text.AppendLine(c, $"recognition time: {report.MeanRecognitionTime.TotalMilliseconds:F3} ms per utterance (mean)");
        text.AppendLine();
        var width = Math.Max(6, report.Intents.Max(i => i.Length));
        text.AppendLine(c, $"{"intent".PadRight(width)}  support  precision  recall      f1");
        foreach (var m in report.PerIntent)
        {
            text.AppendLine(c, $"{m.Intent.PadRight(width)}  {m.Support,7}  {m.Precision,9:F3}  {m.Recall,6:F3}  {m.F1,6:F3}");
        }
        text.AppendLine();
        text.AppendLine("confusion matrix (rows: expected, columns: predicted, numbered as the rows)");
        text.Append(' ', width + 5);
        for (var j = 0; j < report.Intents.Count; j++)
        {
            text.Append(c, $"{j + 1,4}");
        }
        text.AppendLine();
        for (var i = 0; i < report.Intents.Count; i++)
        {
            text.Append(c, $"{i + 1,2}. {report.Intents[i].PadRight(width)}");
            foreach (var predicted in report.Intents)
            {
                var n = report.Count(report.Intents[i], predicted);
                text.Append(n == 0 ? "   ." : n.ToString(c).PadLeft(4));
            }
            text.AppendLine();
        }
        if (listErrors && report.Errors.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("errors (expected → predicted, score):");
            foreach (var (utterance, result) in report.Errors)
            {
                text.AppendLine(c, $"  {utterance.Intent} → {result.TopIntent} ({result.Score:F2}): {utterance.Text}");
            }
        }
        return text.ToString();
    }
}
