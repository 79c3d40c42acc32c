using System.Globalization;
using System.Text;
using ParkingBot.Language.Intents;
using ParkingBot.Language.Recognizers;
using ParkingBot.Language.Replies;
using Xunit.Abstractions;

namespace ParkingBot.Language.Tests.Replies;

/// <summary>
/// The replies classifier trained on cognitive-models/replies.tsv, measured by k-fold cross-validation and on the
/// held-out set written separately (replies-test-set.tsv). The figures are printed; the floors below them catch a
/// change to the data or the model that makes understanding worse.
/// </summary>
public class ReplyClassifierTests(ITestOutputHelper output)
{
    private static readonly Lazy<ReplyClassifier> Trained = new(() => ReplyClassifier.Train(ReplyCorpus.Load(CorpusFile), new KoreanEntityRecognizer()));

    private static string CorpusFile => Path.Combine(AppContext.BaseDirectory, ReplyCorpus.DefaultFileName);

    private static string HeldOutFile => Path.Combine(AppContext.BaseDirectory, "cognitive-models", "replies-test-set.tsv");

    [Fact]
    public void Cross_validated_over_the_corpus_the_replies_are_read_as_they_were_meant()
    {
        var crossValidation = Trained.Value.Report.CrossValidation;

        output.WriteLine($"{crossValidation.Folds}-fold cross-validation over {crossValidation.Predictions.Count} replies: {crossValidation.Accuracy:P1}");
        foreach (var (label, support, recall) in crossValidation.PerLabel())
        {
            output.WriteLine($"  {label,-9} {support,4} replies, recall {recall:P1}");
        }
        Assert.Equal(ReplyCorpus.Load(CorpusFile).Count, crossValidation.Predictions.Count);
        Assert.True(crossValidation.Accuracy >= CrossValidatedFloor, $"cross-validated accuracy {crossValidation.Accuracy:P1} < {CrossValidatedFloor:P0}");
    }

    [Fact]
    public void Replies_nobody_trained_on_are_read_as_they_were_meant()
    {
        var heldOut = ReplyCorpus.Load(HeldOutFile);
        var results = heldOut.Select(e => (Example: e, Guess: Trained.Value.Classify(e.Question, e.Text))).ToList();
        var accuracy = (double)results.Count(r => r.Guess.Label == r.Example.Label) / results.Count;

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"held-out replies: {results.Count}, accuracy {accuracy:P1}");
        foreach (var question in results.GroupBy(r => r.Example.Question).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"  {question.Key,-18} {question.Count(r => r.Guess.Label == r.Example.Label),3}/{question.Count()}");
        }
        foreach (var miss in results.Where(r => r.Guess.Label != r.Example.Label))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"  miss {miss.Example.Question}: '{miss.Example.Text}' is {miss.Example.Label}, read {miss.Guess.Label} ({miss.Guess.Confidence:F2})");
        }
        output.WriteLine(report.ToString());
        Assert.True(accuracy >= HeldOutFloor, $"held-out accuracy {accuracy:P1} < {HeldOutFloor:P0}\n{report}");
    }

    [Fact]
    public void The_held_out_set_shares_no_reply_with_the_corpus()
    {
        var trained = ReplyCorpus.Load(CorpusFile).Select(e => e.Text).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(ReplyCorpus.Load(HeldOutFile).Where(e => trained.Contains(e.Text)).Select(e => e.Text));
    }

    [Fact]
    public void The_same_words_are_read_against_the_question_they_answer()
    {
        // At "leaving now?" having already left is no; at "did you pay?" paying and leaving is yes.
        var corpus = new List<ReplyExample>();
        foreach (var text in new[] { "이미 나왔어요", "벌써 나왔죠", "아까 나왔어요", "나왔는데요" })
        {
            corpus.Add(new ReplyExample("leavingNow", ReplyLabels.No, text));
            corpus.Add(new ReplyExample("paidOnSite", ReplyLabels.Yes, text.Replace("나왔", "내고 나왔", StringComparison.Ordinal)));
        }
        corpus.AddRange(new[] { "네", "맞아요", "넵" }.Select(t => new ReplyExample("leavingNow", ReplyLabels.Yes, t)));
        corpus.AddRange(new[] { "아뇨", "아니요", "ㄴㄴ" }.Select(t => new ReplyExample("paidOnSite", ReplyLabels.No, t)));
        var classifier = ReplyClassifier.Train(corpus, new KoreanEntityRecognizer(), new ClassifierTraining(Epochs: 30, Folds: 2));

        Assert.Equal(ReplyLabels.No, classifier.Classify("leavingNow", "이미 나왔는데요").Label);
        Assert.Equal(ReplyLabels.Yes, classifier.Classify("paidOnSite", "이미 내고 나왔는데요").Label);
        Assert.True(classifier.Knows("paidOnSite"));
        Assert.False(classifier.Knows("callButton"));
    }

    [Fact]
    public void Training_is_deterministic()
    {
        var again = ReplyClassifier.Train(ReplyCorpus.Load(CorpusFile), new KoreanEntityRecognizer());

        Assert.Equal(Trained.Value.Classify("callButton", "기둥 옆에 벨 같은 게 있긴 하네요"), again.Classify("callButton", "기둥 옆에 벨 같은 게 있긴 하네요"));
        Assert.Equal(Trained.Value.Report.Temperature, again.Report.Temperature);
    }

    [Theory]
    [InlineData("callButton\tyes", "question<TAB>label<TAB>reply")]
    [InlineData("callButton\tmaybe\t글쎄요", "'maybe' is not a label")]
    public void A_corpus_line_that_is_not_question_label_reply_is_refused_with_its_line_number(string line, string reason)
    {
        var error = Assert.Throws<InvalidDataException>(() => ReplyCorpus.Read(new StringReader("# comment\n" + line + "\n"), "replies.tsv"));

        Assert.Contains("replies.tsv:2", error.Message);
        Assert.Contains(reason, error.Message);
    }

    // Measured when the floors were set: 75.3 % cross-validated (the corpus holds the harder wording, and each fold
    // trains on three quarters of it), 93.7 % held out. A floor a little below each, so one new line does not fail
    // the run but a real regression does. Pairing features with the question was measured against words only (91.7 %
    // held out) and none (90.6 %); 25 epochs against 12 changed nothing.
    private const double CrossValidatedFloor = 0.72;
    private const double HeldOutFloor = 0.90;
}
