using ParkingBot.Language.Intents;
using ParkingBot.Language.Recognizers;
using Xunit.Abstractions;

namespace ParkingBot.Language.Tests.Intents;

public class EmbeddedIntentRecognizerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_held_out_test_set_is_recognized_at_least_95_percent_correctly()
    {
        using var reader = new StreamReader(TrainedRecognizer.TestSetFile);
        var testSet = IntentEvaluation.ReadTsv(reader);

        var report = await IntentEvaluation.EvaluateAsync(TrainedRecognizer.Instance, testSet);

        Assert.True(testSet.Count >= 150, $"the test set has {testSet.Count} lines");
        Assert.True(report.Accuracy >= 0.95, $"accuracy {report.Accuracy:P1}; misses: {string.Join(" | ", report.Errors.Select(e => $"{e.Utterance.Intent}→{e.Result.TopIntent}: {e.Utterance.Text}"))}");
    }

    [Fact]
    public void No_held_out_utterance_is_in_the_training_data_even_with_spacing_changed()
    {
        static string Squash(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        var training = ConversationProject.Load(TrainedRecognizer.ProjectFile).Utterances.Select(u => Squash(u.Text)).ToHashSet();
        using var reader = new StreamReader(TrainedRecognizer.TestSetFile);

        var leaked = IntentEvaluation.ReadTsv(reader).Where(t => training.Contains(Squash(t.Text))).Select(t => t.Text).ToList();

        Assert.Empty(leaked);
    }

    [Theory]
    [InlineData("어제 12가3456으로 주차권 샀는데 출차가 안 돼요", "TicketNotApplied")]
    [InlineData("주차권은 언제 결제되나요", "TicketPaymentTiming")]
    [InlineData("정기권 끊었는데 일반차량으로 찍혀서 돈 냈어요", "SeasonPassNotApplied")]
    [InlineData("발레 맡긴 적도 없는데 발레비가 나갔어요", "ValetUnusedCharge")]
    [InlineData("상담원 연결해 주세요", "AgentRequest")]
    [InlineData("그만할래요", "Cancel")]
    public void Typical_messages_get_their_intent_with_a_score_above_the_threshold(string utterance, string intent)
    {
        var result = TrainedRecognizer.Instance.Recognize(utterance);

        Assert.Equal(intent, result.TopIntent);
        Assert.InRange(result.Score, 0.5, 1.0);
    }

    [Fact]
    public void Scores_are_probabilities_over_every_intent_likeliest_first()
    {
        var result = TrainedRecognizer.Instance.Recognize("모두의주차장이랑 주차패스 둘 다 결제됐어요");

        Assert.Equal(12, result.Intents.Count);
        Assert.Equal(1.0, result.Intents.Sum(i => i.Score), precision: 2);
        Assert.Equal(result.Intents.OrderByDescending(i => i.Score).Select(i => i.Intent), result.Intents.Select(i => i.Intent));
        Assert.Equal(result.Intents[0].Score, result.Score);
        Assert.Equal(EmbeddedIntentRecognizer.SourceName, result.Source);
    }

    [Fact]
    public void Below_the_threshold_the_top_intent_is_None_and_the_best_guess_stays_visible()
    {
        var strict = EmbeddedIntentRecognizer.Train(ConversationProject.Load(TrainedRecognizer.ProjectFile), new KoreanEntityRecognizer(),
            new EmbeddedRecognizerSettings { Threshold = 0.999999 });

        var result = strict.Recognize("결제가 좀 이상한 것 같아요");

        Assert.Equal(IntentNames.None, result.TopIntent);
        Assert.NotNull(result.Best);
        Assert.Equal(result.Best!.Score, result.Score);
    }

    [Fact]
    public void Two_different_plates_or_dates_do_not_change_what_a_message_is_about()
    {
        var one = TrainedRecognizer.Instance.Recognize("어제 12가3456 발레 출차처리가 안 됐어요");
        var other = TrainedRecognizer.Instance.Recognize("11월 3일 98허7654 발레 출차처리가 안 됐어요");

        Assert.Equal(one.Intents.Select(i => i.Intent), other.Intents.Select(i => i.Intent));
        Assert.Equal(one.Score, other.Score, precision: 3);
    }

    [Fact]
    public void Cross_validated_over_the_training_data_every_intent_is_recognized()
    {
        var crossValidation = TrainedRecognizer.Instance.Report.CrossValidation;

        output.WriteLine($"{crossValidation.Folds}-fold cross-validation over {crossValidation.Predictions.Count} utterances: {crossValidation.Accuracy:P1}");
        foreach (var (intent, support, recall) in crossValidation.PerLabel())
        {
            output.WriteLine($"  {intent,-22} {support,4} utterances, recall {recall:P1}");
        }
        // Measured when set: 91.4 % overall, the weakest intent (Greeting) 79.3 %; a floor a little below each.
        Assert.True(crossValidation.Accuracy >= 0.88, $"cross-validated accuracy {crossValidation.Accuracy:P1}");
        Assert.All(crossValidation.PerLabel(), intent => Assert.True(intent.Recall >= 0.7, $"{intent.Label}: recall {intent.Recall:P1}"));
    }

    [Fact]
    public void Training_is_deterministic_and_reports_what_it_measured()
    {
        var report = TrainedRecognizer.Instance.Report;
        var again = EmbeddedIntentRecognizer.Train(ConversationProject.Load(TrainedRecognizer.ProjectFile), new KoreanEntityRecognizer());

        Assert.Equal(ConversationProject.Load(TrainedRecognizer.ProjectFile).Utterances.Count, report.Utterances);
        Assert.InRange(report.CrossValidatedAccuracy, 0.5, 1.0);
        Assert.InRange(report.Temperature, 0.05, 5);
        Assert.Equal(TrainedRecognizer.Instance.Recognize("주차권 적용이 안 돼요").Intents, again.Recognize("주차권 적용이 안 돼요").Intents);
    }

    [Fact]
    public void A_project_file_that_is_not_a_CLU_conversation_project_is_refused_with_the_reason()
    {
        using var json = new MemoryStream("""{"metadata":{"projectName":"x","language":"ko-kr"},"assets":{"projectKind":"Orchestration"}}"""u8.ToArray());

        var error = Assert.Throws<InvalidDataException>(() => ConversationProject.Parse(json, "bad.json"));

        Assert.Contains("projectKind", error.Message);
    }

    [Fact]
    public void An_utterance_with_an_undeclared_intent_is_refused()
    {
        using var json = new MemoryStream("""
            {"metadata":{"projectName":"x","language":"ko-kr"},"assets":{"projectKind":"Conversation",
             "intents":[{"category":"A"}],"utterances":[{"text":"안녕","intent":"B"}]}}
            """u8.ToArray());

        var error = Assert.Throws<InvalidDataException>(() => ConversationProject.Parse(json, "bad.json"));

        Assert.Contains("'B'", error.Message);
    }
}
