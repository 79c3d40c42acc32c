using ParkingBot.Language.Intents;

namespace ParkingBot.Language.Tests.Intents;

public class IntentEvaluationTests
{
    /// <summary>Answers from a fixed table, so the metrics can be checked by hand.</summary>
    private sealed class TableRecognizer(Dictionary<string, string> answers) : IIntentRecognizer
    {
        public Task<IntentResult> RecognizeAsync(string utterance, CancellationToken cancellationToken = default) =>
            Task.FromResult(new IntentResult(answers[utterance], 0.9, [new IntentScore(answers[utterance], 0.9)], "table"));
    }

    [Fact]
    public async Task Accuracy_precision_recall_f1_and_the_confusion_matrix_follow_their_definitions()
    {
        // A: 3 lines, 2 right (1 taken for B). B: 1 line, right. So B is predicted twice, once correctly.
        var testSet = new[] { new TestUtterance("A", "a1"), new TestUtterance("A", "a2"), new TestUtterance("A", "a3"), new TestUtterance("B", "b1") };
        var recognizer = new TableRecognizer(new() { ["a1"] = "A", ["a2"] = "A", ["a3"] = "B", ["b1"] = "B" });

        var report = await IntentEvaluation.EvaluateAsync(recognizer, testSet);

        Assert.Equal(0.75, report.Accuracy);
        var a = report.PerIntent.Single(m => m.Intent == "A");
        var b = report.PerIntent.Single(m => m.Intent == "B");
        Assert.Equal((3, 1.0, 2.0 / 3), (a.Support, a.Precision, a.Recall));
        Assert.Equal(0.8, a.F1, precision: 10);
        Assert.Equal((1, 0.5, 1.0), (b.Support, b.Precision, b.Recall));
        Assert.Equal(2.0 / 3, b.F1, precision: 10);
        Assert.Equal((2, 1, 0, 1), (report.Count("A", "A"), report.Count("A", "B"), report.Count("B", "A"), report.Count("B", "B")));
        Assert.Equal("a3", Assert.Single(report.Errors).Utterance.Text);
    }

    [Fact]
    public void A_test_line_without_a_tab_is_refused_with_its_line_number()
    {
        var error = Assert.Throws<InvalidDataException>(() => IntentEvaluation.ReadTsv(new StringReader("# comment\nA\tok\nno tab here\n"), "set.tsv"));

        Assert.Contains("set.tsv:3", error.Message);
    }
}
