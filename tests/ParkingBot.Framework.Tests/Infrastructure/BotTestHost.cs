using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Integration;
using ParkingBot.Framework.Storage;

using ParkingBot.Testing;

namespace ParkingBot.Framework.Tests.Infrastructure;

/// <summary>The framework's /api/messages on a real loopback socket, with a bot and storage chosen by the test.</summary>
public static class BotTestHost
{
    public static Task<LoopbackServer> StartAsync(IStorage storage, Dictionary<string, string?>? settings = null) =>
        LoopbackServer.StartAsync(
            builder =>
            {
                // Anonymous mode, as the Emulator on a developer's machine (these hosts run in Production).
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Bot:AllowAnonymous"] = "true" });
                builder.Configuration.AddInMemoryCollection(settings ?? []);
                builder.Services.AddBotFramework(builder.Configuration);
                builder.Services.AddSingleton(storage);
                builder.Services.AddSingleton<IBot, CountingBot>();
            },
            app =>
            {
                var adapter = app.Services.GetRequiredService<TurnRunner>();
                var conversationState = app.Services.GetRequiredService<ConversationState>();
                adapter.OnTurnError = async (turnContext, _) =>
                {
                    await conversationState.DeleteAsync(turnContext);
                    await turnContext.SendActivityAsync(CountingBot.Apology);
                };
                app.MapBotMessages();
            });
}
