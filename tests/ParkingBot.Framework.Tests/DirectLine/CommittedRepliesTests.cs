using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Cluster;
using ParkingBot.Framework.Connector;
using ParkingBot.Framework.DirectLine;
using ParkingBot.Framework.Schema;
using ParkingBot.Framework.Storage;
using ParkingBot.Testing;

namespace ParkingBot.Framework.Tests.DirectLine;

/// <summary>
/// A Direct Line turn's replies go into the log in the turn's commit, through the real turn runner: a turn whose first
/// commit meets a concurrent change, and the same activity taken again, log each reply once; a subclass per engine.
/// </summary>
public abstract class CommittedRepliesTests(TestDatabase database) : IDisposable
{
    private const string Conversation = "dl-conv-1";

    [Fact]
    public async Task A_turn_run_again_after_a_conflict_and_a_repeated_activity_log_each_reply_once()
    {
        var storage = database.StateStorage();
        var state = new ConversationState(storage);
        var log = new SqlDirectLineStore(database.Database, Options.Create(new DirectLineOptions()));
        var streams = new DirectLineStreams(new SingleInstanceDoorbell(), Options.Create(new DirectLineOptions()));
        var runner = new TurnRunner(new InProcessConversationLock(), storage, new TurnJournal(state),
            [new DirectLineChannel(log, streams, TimeProvider.System)], new ConnectorDelivery(new ConnectorClient(new HttpClient(), new NoTokens())),
            Options.Create(new TurnRunnerOptions()), NullLogger<TurnRunner>.Instance, []);
        var stateKey = ConversationState.StorageKey(Channels.DirectLine, Conversation);
        var runs = 0;
        var counter = state.CreateProperty<int>("turns");
        BotCallbackHandler bot = async (turnContext, cancellationToken) =>
        {
            await counter.SetAsync(turnContext, await counter.GetAsync(turnContext, () => 0, cancellationToken) + 1, cancellationToken);
            if (Interlocked.Increment(ref runs) == 1)
            {
                // Another instance changes the conversation while this turn runs: its commit must fail and the turn run again.
                await storage.WriteAsync(new Dictionary<string, StoreItem> { [stateKey] = new(new JsonObject { ["elsewhere"] = true }, StoreItem.AnyETag) }, cancellationToken);
            }
            await turnContext.SendActivitiesAsync([Activity.CreateMessageActivity("하나"), Activity.CreateMessageActivity("둘")], cancellationToken);
            await state.SaveChangesAsync(turnContext, cancellationToken: cancellationToken);
        };

        var first = await runner.RunAsync(Message(), bot, TurnDelivery.ToChannel);
        var again = await runner.RunAsync(Message(), bot, TurnDelivery.ToChannel);

        Assert.Equal((TurnOutcome.Done, false), (first.Outcome, first.Replayed));
        Assert.Equal((TurnOutcome.Done, true), (again.Outcome, again.Replayed));
        Assert.Equal(2, runs);
        var logged = (await log.ReadAsync(Conversation, 0, 100)).Activities;
        Assert.Equal(["하나", "둘"], logged.Select(a => a["text"]!.GetValue<string>()));
        Assert.Equal([$"{Conversation}|0000001", $"{Conversation}|0000002"], logged.Select(a => a["id"]!.GetValue<string>()));
    }

    private static Activity Message() => new()
    {
        Type = ActivityTypes.Message,
        Id = "activity-1",
        Text = "안녕하세요",
        ChannelId = Channels.DirectLine,
        Conversation = new ConversationAccount(Conversation),
        From = new ChannelAccount("dl_user", role: RoleTypes.User),
        Recipient = new ChannelAccount("bot", role: RoleTypes.Bot),
        ServiceUrl = "https://bot.test",
    };

    private sealed class NoTokens : IAccessTokenProvider
    {
        public Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);
    }

    public void Dispose() => database.Dispose();
}

public sealed class SqliteCommittedRepliesTests() : CommittedRepliesTests(TestDatabase.Sqlite());

public sealed class PostgresCommittedRepliesTests() : CommittedRepliesTests(TestDatabase.Postgres());
