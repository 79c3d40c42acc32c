using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Storage;
using ParkingBot.Handoff;
using ParkingBot.Handoff.Relay;
using ParkingBot.Language.Intents;
using ParkingBot.Language.Recognizers;
using ParkingBot.Parking.Operations;
using ParkingBot.Parking.Policies;
using ParkingBot.Parking.Seed;
using ParkingBot.Parking.Store;
using ParkingBot.Testing;

namespace ParkingBot.Dialogs.Tests.Infrastructure;

/// <summary>
/// The real bot, wired as the host wires it (handoff and the parking store with the demo data included), over
/// in-memory state and a temporary folder. "Now" is Friday 2026-11-20 15:00 in Korea, so the demo data's days are fixed.
/// </summary>
public static class BotFactory
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 15, 0, 0, TimeSpan.FromHours(9));

    // Trained once for the whole test run, as the host trains it once at start-up.
    private static readonly Lazy<EmbeddedIntentRecognizer> Intents = new(() => EmbeddedIntentRecognizer.Train(
        ConversationProject.Load(Path.Combine(AppContext.BaseDirectory, ConversationProject.DefaultFileName)), new KoreanEntityRecognizer()));

    public static DialogTestClient CreateClient(IReadOnlyDictionary<string, string?>? settings = null, IStorage? storage = null) =>
        Create(settings, storage).Client;

    public static (DialogTestClient Client, IServiceProvider Services) Create(IReadOnlyDictionary<string, string?>? settings = null, IStorage? storage = null, string userId = "test-user")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var folder = Directory.CreateTempSubdirectory("parkingbot-dialogs-").FullName;
        var clock = new FixedClock(Now);
        var parking = new SqliteParkingOperations(Path.Combine(folder, "parking.db"), clock);
        var seed = Path.Combine(AppContext.BaseDirectory, "Seed", "demo-data.json");
        parking.SeedAsync(SeedReader.Read(seed, Now), seed).GetAwaiter().GetResult();
        var adapter = new TestAdapter();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(storage ?? new MemoryStorage())
            .AddSingleton<ConversationState>()
            .AddSingleton<UserState>()
            .AddSingleton<BotAdapter>(adapter)
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<IParkingOperations>(parking)
            .AddSingleton(Policies(configuration))
            .AddSingleton<DoublePaymentPolicy>()
            .AddSingleton<SeasonPassCompensationPolicy>()
            .AddSingleton<ITextMasker, NoMasking>()
            .AddSingleton(Intents.Value)
            .AddHandoff(configuration, folder)
            .AddParkingBotDialogs(configuration)
            .BuildServiceProvider();
        foreach (var middleware in services.GetServices<IMiddleware>())
        {
            adapter.Use(middleware);
        }
        return (new DialogTestClient(services.GetRequiredService<IBot>(), adapter: adapter, userId: userId), services);
    }

    /// <summary>The policy settings the host uses by default, changed by a transcript's Parking:Policies settings.</summary>
    private static ParkingPolicySettings Policies(IConfiguration configuration)
    {
        var settings = new ParkingPolicySettings { TicketCoupon = new TicketCouponTerms { ValidUntil = new DateOnly(2026, 12, 31) } };
        configuration.GetSection("Parking:Policies").Bind(settings);
        return settings;
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
