using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using ParkingBot.Dialogs.Understanding;
using ParkingBot.Language.Recognizers;
using ParkingBot.Language.Replies;

namespace ParkingBot.Commands;

/// <summary>
/// `replies-eval &lt;file&gt; [--errors]`: scores the replies classifier (trained as the host trains it, from
/// Recognizer:RepliesFile) on a TSV file of question&lt;TAB&gt;label&lt;TAB&gt;reply lines: its k-fold cross-validation
/// over the corpus, then accuracy on the file per label and per question; --errors also lists every miss with its
/// confidence.
/// </summary>
public static class RepliesEvalCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args is not ([_] or [_, "--errors"]))
        {
            await error.WriteLineAsync("usage: replies-eval <question<TAB>label<TAB>reply file> [--errors]");
            return 2;
        }
        var file = CommandLine.FromCaller(args[0]);
        if (!File.Exists(file))
        {
            await error.WriteLineAsync($"file not found: {file}");
            return 2;
        }
        IReadOnlyList<ReplyExample> testSet;
        try
        {
            testSet = ReplyCorpus.Load(file);
        }
        catch (InvalidDataException e)
        {
            await error.WriteLineAsync(e.Message);
            return 2;
        }
        var classifier = LearnedReplies.Train(CommandConfiguration.Load(), new KoreanEntityRecognizer(), NullLogger.Instance);
        await output.WriteAsync(Format(file, classifier, testSet, listErrors: args.Length == 2));
        return 0;
    }

    public static string Format(string file, ReplyClassifier classifier, IReadOnlyList<ReplyExample> testSet, bool listErrors)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        var training = classifier.Report;
        text.AppendLine(c, $"replies classifier: trained on {training.Replies} replies, {training.Features} features, in {training.TrainingTime.TotalMilliseconds:F0} ms (temperature {training.Temperature})");
        text.AppendLine(c, $"{training.CrossValidation.Folds}-fold cross-validation: {training.CrossValidation.Accuracy:P1}");
        foreach (var (label, support, recall) in training.CrossValidation.PerLabel())
        {
            text.AppendLine(c, $"  {label,-9} {support,5}  recall {recall:P1}");
        }
        var results = testSet.Select(e => (Example: e, Guess: classifier.Classify(e.Question, e.Text))).ToList();
        var right = results.Count(r => r.Guess.Label == r.Example.Label);
        text.AppendLine();
        text.AppendLine(c, $"test set: {file} ({results.Count} replies)");
        text.AppendLine(c, $"accuracy: {(results.Count == 0 ? 0 : (double)right / results.Count):P2} ({right}/{results.Count})");
        foreach (var group in results.GroupBy(r => r.Example.Label).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.AppendLine(c, $"  label {group.Key,-18} {group.Count(r => r.Guess.Label == r.Example.Label),4}/{group.Count()}");
        }
        foreach (var group in results.GroupBy(r => r.Example.Question).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.AppendLine(c, $"  question {group.Key,-15} {group.Count(r => r.Guess.Label == r.Example.Label),4}/{group.Count()}");
        }
        if (listErrors)
        {
            text.AppendLine();
            foreach (var (example, guess) in results.Where(r => r.Guess.Label != r.Example.Label))
            {
                text.AppendLine(c, $"{example.Question}\t{example.Label}\t{guess.Label} ({guess.Confidence:F2})\t{example.Text}");
            }
        }
        return text.ToString();
    }
}
