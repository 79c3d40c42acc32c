using ParkingBot.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Connector;
using ParkingBot.Framework.Storage;
using ParkingBot.Handoff;
using ParkingBot.Handoff.Relay;
using ParkingBot.Language.Intents;
using ParkingBot.Language.Recognizers;
using ParkingBot.Language.Replies;
using ParkingBot.Parking.Operations;
using ParkingBot.Parking.Policies;
using ParkingBot.Parking.Seed;
using ParkingBot.Parking.Store;
using ParkingBot.Testing;

namespace ParkingBot.Dialogs.Tests.Infrastructure;

/// <summary>
/// The real bot, wired as the host wires it (handoff and the parking store with the demo data included), over
/// in-memory state and a temporary folder. "Now" is <see cref="TestClock.Now"/> (Friday 2026-11-20 15:00 in Korea unless
/// the test run sets another moment) and the demo data is seeded on that day, so its days are known to the tests.
/// </summary>
public static class BotFactory
{
    public static DateTimeOffset Now => TestClock.Now;

    // Trained once for the whole test run, as the host trains it once at start-up.
    private static readonly Lazy<EmbeddedIntentRecognizer> Intents = new(() => EmbeddedIntentRecognizer.Train(
        ConversationProject.Load(Path.Combine(AppContext.BaseDirectory, ConversationProject.DefaultFileName)), new KoreanEntityRecognizer()));

    private static readonly Lazy<ReplyClassifier> Replies = new(() => ReplyClassifier.Train(
        ReplyCorpus.Load(Path.Combine(AppContext.BaseDirectory, ReplyCorpus.DefaultFileName)), new KoreanEntityRecognizer()));

    /// <summary>The replies classifier, trained once for the whole run.</summary>
    public static ReplyClassifier ReplyClassifier => Replies.Value;

    public static DialogTestClient CreateClient(IReadOnlyDictionary<string, string?>? settings = null, IStorage? storage = null) =>
        Create(settings, storage).Client;

    /// <param name="throughTurnRunner">Run every turn through the real <see cref="TurnRunner"/> (commit, journal, conflict retry) instead of the bare pipeline.</param>
    public static (DialogTestClient Client, IServiceProvider Services) Create(IReadOnlyDictionary<string, string?>? settings = null, IStorage? storage = null, string userId = "test-user",
        bool throughTurnRunner = false, Func<IParkingOperations, IParkingOperations>? operations = null, string channelId = Framework.Schema.Channels.Test,
        TimeProvider? clock = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var folder = TestFolders.Create("parkingbot-dialogs-");
        // A transcript whose words hold only on some days says when it happens, as the host's Clock:StartAt does.
        clock ??= new FixedClock(configuration["Clock:StartAt"] is { Length: > 0 } startAt ? TestClock.Read(startAt) : Now);
        var databases = new StoreDatabases(StorageProvider.Sqlite, folder);
        var parking = new SqlParkingOperations(databases.For("parking.db"), clock);
        var seed = Path.Combine(AppContext.BaseDirectory, "Seed", "demo-data.json");
        parking.SeedAsync(SeedReader.Read(seed, clock.GetUtcNow()), seed).GetAwaiter().GetResult();
        var adapter = new TestAdapter();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(storage ?? new MemoryStorage())
            .AddSingleton<ConversationState>()
            .AddSingleton<UserState>()
            .AddSingleton<BotAdapter>(adapter)
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton(operations is null ? parking : operations(parking))
            .AddSingleton(Policies(configuration))
            .AddSingleton<DoublePaymentPolicy>()
            .AddSingleton<SeasonPassCompensationPolicy>()
            .AddSingleton<ITextMasker, NoMasking>()
            .AddSingleton(Intents.Value)
            .AddSingleton(Replies.Value)
            .AddSingleton(databases)
            .AddHandoff(configuration)
            .AddParkingBotDialogs(configuration)
            .BuildServiceProvider();
        foreach (var middleware in services.GetServices<IMiddleware>())
        {
            adapter.Use(middleware);
        }
        if (throughTurnRunner)
        {
            var runner = Runner(services, [new QueueDelivery(adapter)]);
            adapter.Runner = async (activity, callback) =>
            {
                var result = await runner.RunAsync(activity, callback, TurnDelivery.ToChannel);
                if (result.Outcome != TurnOutcome.Done)
                {
                    throw new InvalidOperationException($"The turn ended {result.Outcome}: {result.Refusal?.Reason}");
                }
            };
        }
        return (new DialogTestClient(services.GetRequiredService<IBot>(), adapter: adapter, userId: userId, channelId: channelId), services);
    }

    /// <summary>The real turn runner over the bot's services, delivering through <paramref name="channels"/>; <paramref name="first"/> runs before the bot's middleware.</summary>
    public static TurnRunner Runner(IServiceProvider services, IEnumerable<IChannelDelivery> channels, params IMiddleware[] first) =>
        new(new InProcessConversationLock(), services.GetRequiredService<IStorage>(), new TurnJournal(services.GetRequiredService<ConversationState>()),
            channels, new ConnectorDelivery(new ConnectorClient(new HttpClient(), new NoTokens())),
            Microsoft.Extensions.Options.Options.Create(new TurnRunnerOptions()), services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<TurnRunner>>(),
            [.. first, .. services.GetServices<IMiddleware>()]);

    /// <summary>The policy settings the host uses by default, changed by a transcript's Parking:Policies settings.</summary>
    private static ParkingPolicySettings Policies(IConfiguration configuration)
    {
        var settings = new ParkingPolicySettings { TicketCoupon = new TicketCouponTerms { ValidUntil = TestClock.Day(41) } };
        configuration.GetSection("Parking:Policies").Bind(settings);
        return settings;
    }

    /// <summary>The runner's replies go to the test adapter's queue, where the test reads them.</summary>
    private sealed class QueueDelivery(TestAdapter adapter) : IChannelDelivery
    {
        public bool Handles(Framework.Schema.Activity activity) => true;

        public Task<Framework.Schema.ResourceResponse> SendAsync(Framework.Schema.Activity activity, string? deliveryKey, CancellationToken cancellationToken)
        {
            adapter.Deliver(activity);
            return Task.FromResult(new Framework.Schema.ResourceResponse(null));
        }
    }

    private sealed class NoTokens : Framework.Connector.IAccessTokenProvider
    {
        public Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);
    }

    private sealed class NoMasking : ITextMasker
    {
        public string Mask(string text) => text;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
