using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ParkingBot.Data;
using ParkingBot.Framework.Retention;

namespace ParkingBot.Framework.Analytics;

public static class AnalyticsServiceCollectionExtensions
{
    /// <summary>The outcome record (with conversation state) and the sweep that notices quiet (section Outcomes).</summary>
    public static IServiceCollection AddConversationOutcomes(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(ConversationEvents)))
        {
            return services;
        }
        services.AddOptions<OutcomeOptions>().Bind(configuration.GetSection("Outcomes"))
            .Validate(o => o.IdleTimeout > TimeSpan.Zero && o.AssumeResolvedAfter > TimeSpan.Zero && o.SweepInterval > TimeSpan.Zero,
                "Outcomes:IdleTimeout, Outcomes:AssumeResolvedAfter and Outcomes:SweepInterval must be positive.")
            .ValidateOnStart();
        services.AddSingleton(sp => new ConversationEvents(sp.GetRequiredService<StoreDatabases>().Turns));
        services.AddSingleton<IExpiringStore>(sp => sp.GetRequiredService<ConversationEvents>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WatchWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<WatchWriter>());
        services.AddSingleton<OutcomeSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<OutcomeSweeper>());
        services.AddSingleton<AnalyticsReports>();
        return services;
    }
}
