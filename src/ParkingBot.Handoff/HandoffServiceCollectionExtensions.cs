using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ParkingBot.Data;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ParkingBot.Framework.Analytics;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Cluster;
using ParkingBot.Framework.Retention;
using ParkingBot.Handoff.Notifications;
using ParkingBot.Handoff.Queue;
using ParkingBot.Handoff.Relay;
using ParkingBot.Handoff.Store;

namespace ParkingBot.Handoff;

public static class HandoffServiceCollectionExtensions
{
    /// <summary>
    /// Handoff cases and the follow-up outbox (in handoff.db), transcripts (with the state, in parkingbot.db) or all in the shared PostgreSQL database; the transcript and
    /// relay middleware; follow-ups to Notifications:WebhookUrl when set, else kept in the outbox.
    /// Needs an <see cref="ITextMasker"/> and an <see cref="IHandoffCustomerMessages"/> from the app.
    /// </summary>
    public static IServiceCollection AddHandoff(this IServiceCollection services, IConfiguration configuration)
    {
        const string database = "handoff.db";
        services.AddConversationOutcomes(configuration);
        services.AddSingleton<IHandoffCaseStore>(sp => new SqlHandoffCaseStore(sp.GetRequiredService<StoreDatabases>().For(database)));
        services.AddSingleton(sp =>
        {
            // Transcript lines live with conversation state, so that a turn's lines commit with its state.
            var databases = sp.GetRequiredService<StoreDatabases>();
            var transcripts = new ConversationTranscripts(databases.Turns);
            if (databases.Provider == StorageProvider.Sqlite)
            {
                transcripts.MoveLinesFrom(databases.SqlitePath(database));
            }
            return transcripts;
        });
        services.AddSingleton<IExpiringStore>(sp => sp.GetRequiredService<ConversationTranscripts>());
        services.AddSingleton<IConversationsInUse, ConversationsWithOpenCases>();
        services.AddSingleton(sp => new NotificationOutbox(sp.GetRequiredService<StoreDatabases>().For(database), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new CaseEvents(sp.GetRequiredService<IDoorbell>(), sp.GetRequiredService<IHandoffCaseStore>()));
        services.TryAddSingleton<IDoorbell, SingleInstanceDoorbell>();
        services.AddSingleton(sp => new Lazy<BotAdapter>(sp.GetRequiredService<BotAdapter>));
        services.AddSingleton(configuration.GetSection("Agents:Hours").Get<AgentHours>() ?? new AgentHours());
        services.AddSingleton<HandoffService>();
        services.AddSingleton<IMiddleware, TranscriptMiddleware>();
        services.AddSingleton<IMiddleware, HandoffRelayMiddleware>();
        if (Uri.TryCreate(configuration["Notifications:WebhookUrl"], UriKind.Absolute, out var webhook))
        {
            services.AddSingleton(sp => new WebhookDelivery(sp.GetRequiredService<NotificationOutbox>(),
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(WebhookDelivery)), webhook,
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<WebhookDelivery>>()));
            services.AddHostedService(sp => sp.GetRequiredService<WebhookDelivery>());
            services.AddSingleton<INotificationSender, WebhookNotificationSender>();
        }
        else
        {
            services.AddSingleton<INotificationSender, OutboxNotificationSender>();
        }
        return services;
    }
}
