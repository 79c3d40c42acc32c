using ParkingBot.Dialogs.FollowUps;
using ParkingBot.Dialogs.Main;
using ParkingBot.Dialogs.Understanding;
using ParkingBot.Testing;

namespace ParkingBot.Dialogs.Tests;

/// <summary>The customer phrases a designer edits agree with the code: questions, topics and follow-ups all exist.</summary>
public class CustomerPhrasesTests
{
    private static readonly string File = Path.Combine(AppContext.BaseDirectory, CustomerPhrases.DefaultFileName);
    private static readonly CustomerPhrases Phrases = CustomerPhrases.Load(File);

    [Fact]
    public void Every_follow_up_is_one_the_bot_answers_and_belongs_to_a_flow()
    {
        Assert.Equal(FollowUpNames.All.Order(), Phrases.FollowUps.Keys.Order());
        Assert.All(Phrases.FollowUps.Values.SelectMany(f => f.Flows), flow => Assert.NotNull(Topics.ForIntent(flow)?.DialogId));
        Assert.All(Phrases.FollowUps.Values, f => Assert.NotEmpty(f.When));
    }

    [Fact]
    public void Every_vague_word_and_product_word_names_topics_of_the_menu()
    {
        Assert.All(Phrases.VagueTopics.Words.Values.Concat(Phrases.ProductWords.Values).SelectMany(t => t), topic => Assert.NotNull(Topics.ForIntent(topic)?.DialogId));
    }

    [Theory]
    [InlineData("주차권이요", "TicketNotApplied,TicketPaymentTiming")]
    [InlineData("주차권 문의요", "TicketNotApplied,TicketPaymentTiming")]
    [InlineData("발레 관련해서요", "ValetUnusedCharge,ValetExitNotProcessed")]
    [InlineData("주차권이 적용이 안 돼요", "")]
    [InlineData("정기권이요", "")]
    public void A_message_that_only_names_a_shared_product_offers_its_topics(string said, string topics) =>
        Assert.Equal(topics, string.Join(",", Phrases.VagueTopicsOf(said)));

    [Theory]
    [InlineData("코엑스 발레 요금이 2만원 나갔는데 맡긴 적이 없어요", "ValetUnusedCharge,ValetExitNotProcessed")]
    [InlineData("주차권을 구매했는데 적용되지 않았어요", "TicketNotApplied,TicketPaymentTiming")]
    [InlineData("주차권도 안 샀는데 결제됐어요", "")]
    [InlineData("발레는 없고 주차패스만 있어요", "")]
    public void A_product_counts_as_named_unless_it_is_denied_right_after(string said, string topics) =>
        Assert.Equal(topics, string.Join(",", Phrases.ProductsNamedIn(said).SelectMany(t => t)));

    [Fact]
    public void A_question_the_bot_does_not_ask_is_refused_at_load()
    {
        var path = Path.Combine(TestFolders.Create("parkingbot-phrases-"), "phrases.ko.yaml");
        System.IO.File.WriteAllText(path, "answers:\n  parkingSpot:\n    yes: [네]\n");

        var error = Assert.Throws<InvalidDataException>(() => CustomerPhrases.Load(path));

        Assert.Contains("parkingSpot", error.Message);
    }
}
