using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Connector;
using ParkingBot.Framework.Retention;
using ParkingBot.Framework.Storage;

namespace ParkingBot.Framework.Integration;

public static class BotFrameworkServiceCollectionExtensions
{
    /// <summary>
    /// The Bot Framework runtime: adapter, Connector client, authentication (MicrosoftAppId,
    /// MicrosoftAppPassword, MicrosoftAppTenantId and the BotFrameworkAuthentication section),
    /// the limits of /api/messages (section Bot) and conversation/user state over <see cref="IStorage"/>.
    /// Every registered <see cref="IMiddleware"/> runs on every turn, in registration order.
    /// </summary>
    public static IServiceCollection AddBotFramework(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotFrameworkAuthenticationOptions>()
            .Bind(configuration.GetSection("BotFrameworkAuthentication"))
            .Configure(o =>
            {
                o.MicrosoftAppId = configuration["MicrosoftAppId"];
                o.MicrosoftAppPassword = configuration["MicrosoftAppPassword"];
                o.MicrosoftAppTenantId = configuration["MicrosoftAppTenantId"];
            });
        services.AddOptions<CloudAdapterOptions>().Bind(configuration.GetSection("Bot"));
        services.AddOptions<TurnRunnerOptions>().Bind(configuration.GetSection("Bot"));
        services.AddHttpClient();
        services.AddHttpClient<ConnectorClient>(client => client.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<IAccessTokenProvider, MsalAccessTokenProvider>();
        services.AddSingleton<JwtTokenValidation>();
        services.AddSingleton<ConnectorDelivery>();
        services.TryAddSingleton<IConversationLock, InProcessConversationLock>();
        services.AddSingleton<TurnJournal>();
        services.AddSingleton<TurnRunner>();
        services.AddSingleton<BotAdapter>(sp => sp.GetRequiredService<TurnRunner>());
        services.AddSingleton<CloudAdapter>();
        services.AddSingleton<ConversationState>();
        services.AddSingleton<UserState>();
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection("Retention"))
            .Validate(o => o.Days >= 1 && o.SweepInterval > TimeSpan.Zero, "Retention:Days must be at least 1 and Retention:SweepInterval positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RetentionSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionSweeper>());
        return services;
    }

    /// <summary>The folder of the embedded SQLite files: Storage:DataDirectory, default ./data.</summary>
    public static string DataDirectory(this IConfiguration configuration) =>
        configuration["Storage:DataDirectory"] is { Length: > 0 } configured ? configured : "data";

    /// <summary>The embedded default store: {Storage:DataDirectory}/parkingbot.db.</summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => new SqliteStorage(Path.Combine(configuration.DataDirectory(), "parkingbot.db"), sp.GetService<TimeProvider>()));
        services.AddSingleton<IStorage>(sp => sp.GetRequiredService<SqliteStorage>());
        services.AddSingleton<IExpiringStore>(sp => sp.GetRequiredService<SqliteStorage>());
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", tags: ["ready"]);
        return services;
    }
}

/// <summary>Ready when the storage answers a read.</summary>
public sealed class StorageHealthCheck(IStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await storage.ReadAsync(["health/probe"], cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy("Storage is not reachable.", exception);
        }
    }
}
