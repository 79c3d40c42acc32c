using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ParkingBot.Dialogs.Tests.Infrastructure;
using ParkingBot.Dialogs.Understanding;
using ParkingBot.Handoff.Relay;
using ParkingBot.Language.Replies;
using Xunit.Abstractions;

namespace ParkingBot.Dialogs.Tests.Acts;

/// <summary>
/// The held-out replies (cognitive-models/replies-test-set.tsv, never trained on) read as the bot reads them: at a
/// yes/no question the phrases first, then the learned classifier where they find nothing (taken when sure, asked
/// about when not); waiting for an agent, whether the message leaves the queue. Prints what each part got right.
/// </summary>
public class HeldOutReplyTests(ITestOutputHelper output)
{
    private static readonly Lazy<IServiceProvider> Services = new(() => BotFactory.Create().Services);

    private static IReadOnlyList<ReplyExample> HeldOut() =>
        ReplyCorpus.Load(Path.Combine(AppContext.BaseDirectory, "cognitive-models", "replies-test-set.tsv"));

    [Fact]
    public void At_yes_no_questions_the_learned_classifier_answers_what_the_phrases_cannot_and_rarely_the_wrong_way()
    {
        var judge = Services.Value.GetRequiredService<AnswerJudge>();
        var learned = Services.Value.GetRequiredService<LearnedReplies>();
        var answers = HeldOut().Where(e => e.Label is ReplyLabels.Yes or ReplyLabels.No && e.Question is not ("comment" or "waiting")).ToList();
        int phrasesRight = 0, phrasesWrong = 0, learnedRight = 0, learnedWrong = 0, clarified = 0, unanswered = 0;
        var wrong = new StringBuilder();
        foreach (var reply in answers)
        {
            var meant = reply.Label == ReplyLabels.Yes;
            if (judge.Judge(reply.Text, reply.Question) is { } byPhrase)
            {
                _ = byPhrase == meant ? phrasesRight++ : phrasesWrong++;
                continue;
            }
            var reading = reply.Text.Contains('?') ? LearnedReading.None : learned.Read(reply.Text, reply.Question);
            if (reading.Sure is { } sure)
            {
                _ = sure == meant ? learnedRight++ : learnedWrong++;
                if (sure != meant)
                {
                    wrong.AppendLine(CultureInfo.InvariantCulture, $"  learned the wrong way at {reply.Question}: '{reply.Text}'");
                }
            }
            else if (reading.Unsure is not null)
            {
                clarified++;
            }
            else
            {
                unanswered++;
            }
        }
        output.WriteLine($"held-out yes/no answers: {answers.Count}; phrases right {phrasesRight}, wrong {phrasesWrong}; "
            + $"then learned right {learnedRight}, wrong {learnedWrong}; asked to clarify {clarified}; unanswered {unanswered}");
        output.WriteLine(wrong.ToString());

        Assert.True(learnedRight >= 3 * Math.Max(learnedWrong, 1), $"learned answers: {learnedRight} right, {learnedWrong} wrong\n{wrong}");
        Assert.True(phrasesRight + learnedRight > phrasesRight, "the learned classifier answered nothing the phrases could not");
    }

    [Fact]
    public void Waiting_for_an_agent_no_message_meant_for_the_agent_leaves_the_queue()
    {
        var messages = Services.Value.GetRequiredService<IHandoffCustomerMessages>();
        var waiting = HeldOut().Where(e => e.Question == "waiting").ToList();
        var leaves = waiting.Where(e => messages.IsCancelRequest(e.Text)).ToList();

        output.WriteLine($"held-out messages while waiting: {waiting.Count}; leave: {leaves.Count(e => e.Label == ReplyLabels.Stop)} of "
            + $"{waiting.Count(e => e.Label == ReplyLabels.Stop)} meant to; for the agent but left: {leaves.Count(e => e.Label != ReplyLabels.Stop)}");
        Assert.Empty(leaves.Where(e => e.Label != ReplyLabels.Stop).Select(e => e.Text));
        Assert.True(leaves.Count(e => e.Label == ReplyLabels.Stop) * 2 >= waiting.Count(e => e.Label == ReplyLabels.Stop), "fewer than half the customers who meant to leave could");
    }
}
