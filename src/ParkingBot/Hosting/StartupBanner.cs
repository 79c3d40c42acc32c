using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Npgsql;
using ParkingBot.Data;
using ParkingBot.Framework.Integration;

namespace ParkingBot.Hosting;

/// <summary>
/// Once the host listens, one log line says where everything is and what is active: the chat page, the agent console,
/// the Bot Framework endpoint, the recognizer, the authentication mode, the storage, the follow-up sender and the demo
/// agent's password file — on every start, not only the first.
/// </summary>
public static class StartupBanner
{
    public static WebApplication LogStartupBanner(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var configuration = app.Configuration;
            var address = (app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost")
                .Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).TrimEnd('/');
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ParkingBot.Startup");
            logger.LogInformation(
                "ParkingBot is ready. Chat page {ChatPage} · agent console {Console} · Bot Framework endpoint {Messages} · recognizer {Recognizer} · " +
                "authentication {Authentication} · storage {Storage} · follow-ups {FollowUps} · agents {Agents}",
                address + "/", address + "/agent", address + "/api/messages",
                configuration["Recognizer:Kind"] is { Length: > 0 } kind ? kind : "Embedded",
                Authentication(configuration, app.Services.GetRequiredService<ParkingBot.Framework.Builder.BotCallers>().AnonymousAllowed),
                Storage(configuration),
                Uri.TryCreate(configuration["Notifications:WebhookUrl"], UriKind.Absolute, out var webhook) ? $"webhook to {webhook.Host}" : "kept in the console's outbox",
                configuration.GetSection("Agents:Accounts").GetChildren().Any()
                    ? $"{configuration.GetSection("Agents:Accounts").GetChildren().Count()} configured"
                    : $"the demo agent 'agent', password in {Path.GetFullPath(Path.Combine(configuration.DataDirectory(), "agent-initial-password.txt"))}");
            if (app.Services.GetRequiredService<TimeProvider>() is ShiftedClock shifted)
            {
                logger.LogWarning("The bot's clock is not the system's: it says {Now} (Clock:StartAt or Clock:Offset, {Offset})", shifted.GetUtcNow(), shifted.Offset);
            }
        });
        return app;
    }

    private static string Authentication(IConfiguration configuration, bool anonymousAllowed) =>
        configuration["MicrosoftAppId"] is { Length: > 0 } appId
            ? $"Bot Framework tokens for app {appId}"
            : anonymousAllowed
                ? "anonymous (no MicrosoftAppId; for the Emulator on this machine)"
                : "refused: no MicrosoftAppId and Bot:AllowAnonymous off (/api/messages answers 401)";

    private static string Storage(IConfiguration configuration) => configuration.StorageProvider() switch
    {
        StorageProvider.Postgres when new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Postgres")) is var postgres =>
            $"PostgreSQL {postgres.Host}/{postgres.Database}",
        _ => $"SQLite files in {Path.GetFullPath(configuration.DataDirectory())}",
    };
}
