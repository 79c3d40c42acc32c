using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ParkingBot.Data;
using Microsoft.Extensions.Logging;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Cluster;
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
        services.TryAddSingleton<IDoorbell, SingleInstanceDoorbell>();
        services.TryAddSingleton<IRateCounter, InMemoryRateCounter>();
        services.AddSingleton<TurnJournal>();
        services.AddSingleton<TurnRunner>();
        services.AddSingleton<BotAdapter>(sp => sp.GetRequiredService<TurnRunner>());
        services.AddSingleton<CloudAdapter>();
        services.AddSingleton<BotCallers>();
        services.AddHostedService(sp => sp.GetRequiredService<BotCallers>());
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

    /// <summary>Storage:Provider: Sqlite (the default) or Postgres (with ConnectionStrings:Postgres).</summary>
    public static StorageProvider StorageProvider(this IConfiguration configuration) => configuration["Storage:Provider"] switch
    {
        null or "" => Data.StorageProvider.Sqlite,
        var name when Enum.TryParse<StorageProvider>(name, ignoreCase: true, out var provider) && Enum.IsDefined(provider) => provider,
        var name => throw new InvalidOperationException($"Storage:Provider '{name}' is not known: use Sqlite or Postgres."),
    };

    /// <summary>
    /// Where the stores keep their data (<see cref="StoreDatabases"/>), conversation and user state over it, and the turn
    /// lock that matches: SQLite files in {Storage:DataDirectory} and an in-process lock, or the shared PostgreSQL
    /// database and its advisory locks, so several instances can serve one conversation.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration.StorageProvider();
        services.AddSingleton(_ => new StoreDatabases(provider, configuration.DataDirectory(), configuration.GetConnectionString("Postgres")));
        if (provider == Data.StorageProvider.Postgres)
        {
            services.AddStateStorage(sp => new PostgresStorage(sp.GetRequiredService<StoreDatabases>().Postgres.DataSource, sp.GetService<TimeProvider>()));
            services.Replace(ServiceDescriptor.Singleton<IConversationLock>(sp => new PostgresConversationLock(sp.GetRequiredService<StoreDatabases>().TurnLockConnections!)));
            services.AddSingleton(sp => new PostgresDoorbell(sp.GetRequiredService<StoreDatabases>().Postgres.DataSource, sp.GetRequiredService<ILogger<PostgresDoorbell>>()));
            services.Replace(ServiceDescriptor.Singleton<IDoorbell>(sp => sp.GetRequiredService<PostgresDoorbell>()));
            services.AddHostedService(sp => sp.GetRequiredService<PostgresDoorbell>());
            services.AddHealthChecks().AddCheck<DoorbellHealthCheck>("doorbell", tags: ["ready"]);
            services.Replace(ServiceDescriptor.Singleton<IRateCounter>(sp => new SqlRateCounter(sp.GetRequiredService<StoreDatabases>().Postgres)));
        }
        else
        {
            services.AddStateStorage(sp => new SqliteStorage(sp.GetRequiredService<StoreDatabases>().SqlitePath(StoreDatabases.TurnFile), sp.GetService<TimeProvider>()));
        }
        services.AddSingleton(sp => new SharedSecrets(sp.GetRequiredService<StoreDatabases>().For("secrets.db")));
        services.AddDataProtection().SetApplicationName("ParkingBot");
        services.AddOptions<KeyManagementOptions>().Configure<SharedSecrets>((options, secrets) => options.XmlRepository = new SharedKeyRing(secrets));
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", tags: ["ready"]);
        return services;
    }

    private static void AddStateStorage<TStorage>(this IServiceCollection services, Func<IServiceProvider, TStorage> create)
        where TStorage : class, IStorage, IExpiringStore
    {
        services.AddSingleton(create);
        services.AddSingleton<IStorage>(sp => sp.GetRequiredService<TStorage>());
        services.AddSingleton<IExpiringStore>(sp => sp.GetRequiredService<TStorage>());
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
