using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Storage;
using ParkingBot.Testing;

namespace ParkingBot.Dialogs.Tests.Infrastructure;

/// <summary>The real bot, wired as the host wires it, over in-memory storage.</summary>
public static class BotFactory
{
    public static DialogTestClient CreateClient(IReadOnlyDictionary<string, string?>? settings = null, IStorage? storage = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection()
            .AddSingleton(storage ?? new MemoryStorage())
            .AddSingleton<ConversationState>()
            .AddSingleton<UserState>()
            .AddParkingBotDialogs(configuration)
            .BuildServiceProvider();
        return new DialogTestClient(services.GetRequiredService<IBot>());
    }
}
