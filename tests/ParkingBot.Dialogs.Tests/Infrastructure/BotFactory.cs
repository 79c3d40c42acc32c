using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Storage;
using ParkingBot.Handoff;
using ParkingBot.Handoff.Relay;
using ParkingBot.Testing;

namespace ParkingBot.Dialogs.Tests.Infrastructure;

/// <summary>The real bot, wired as the host wires it (handoff included), over in-memory state and a temporary folder.</summary>
public static class BotFactory
{
    public static DialogTestClient CreateClient(IReadOnlyDictionary<string, string?>? settings = null, IStorage? storage = null) =>
        Create(settings, storage).Client;

    public static (DialogTestClient Client, IServiceProvider Services) Create(IReadOnlyDictionary<string, string?>? settings = null, IStorage? storage = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var adapter = new TestAdapter();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(storage ?? new MemoryStorage())
            .AddSingleton<ConversationState>()
            .AddSingleton<UserState>()
            .AddSingleton<BotAdapter>(adapter)
            .AddSingleton(TimeProvider.System)
            .AddSingleton<ITextMasker, NoMasking>()
            .AddHandoff(configuration, Directory.CreateTempSubdirectory("parkingbot-dialogs-").FullName)
            .AddParkingBotDialogs(configuration)
            .BuildServiceProvider();
        foreach (var middleware in services.GetServices<IMiddleware>())
        {
            adapter.Use(middleware);
        }
        return (new DialogTestClient(services.GetRequiredService<IBot>(), adapter: adapter), services);
    }

    private sealed class NoMasking : ITextMasker
    {
        public string Mask(string text) => text;
    }
}
