using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ParkingBot.Data;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Integration;

namespace ParkingBot.Framework.DirectLine;

public static class DirectLineEndpoints
{
    /// <summary>
    /// The embedded Direct Line (section DirectLine): its log with conversation state (parkingbot.db), so that a turn's replies
    /// commit with its state, and its files in directline.db; or both in the shared PostgreSQL database.
    /// </summary>
    public static IServiceCollection AddDirectLine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DirectLineOptions>()
            .Bind(configuration.GetSection("DirectLine"))
            .Configure(o =>
            {
                o.FilesDirectory = Path.Combine(configuration.DataDirectory(), "directline-files");
                o.SigningKeyFile = Path.Combine(configuration.DataDirectory(), "directline-signing.key");
            });
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<IDirectLineStore>(sp =>
        {
            var databases = sp.GetRequiredService<StoreDatabases>();
            var log = new SqlDirectLineStore(databases.Turns, sp.GetRequiredService<IOptions<DirectLineOptions>>());
            if (databases.Provider == StorageProvider.Sqlite)
            {
                log.MoveLogFrom(databases.SqlitePath(FilesDatabase));
            }
            return log;
        });
        services.TryAddSingleton<Cluster.IDoorbell, Cluster.SingleInstanceDoorbell>();
        services.AddSingleton<DirectLineStreams>();
        services.AddSingleton(sp => new DirectLineFileStore(Database(sp), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<DirectLineOptions>>().Value.FilesDirectory));
        services.AddSingleton<Retention.IExpiringStore, DirectLineRetention>();
        services.AddSingleton<DirectLineRateLimiter>();
        services.AddSingleton<IChannelDelivery, DirectLineChannel>();
        services.AddSingleton<DirectLineService>();
        services.AddDirectLineRateLimits();
        return services;
    }

    /// <summary>The SQLite file of uploads (and, before the log moved to the state's file, of the log).</summary>
    private const string FilesDatabase = "directline.db";

    private static SqlDatabase Database(IServiceProvider services) => services.GetRequiredService<StoreDatabases>().For(FilesDatabase);

    /// <summary>/v3/directline/* (Direct Line 3.0) and POST /api/directline/token (a token for the page). Needs UseWebSockets and UseRateLimiter.</summary>
    public static IEndpointRouteBuilder MapDirectLine(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(DirectLineService.Prefix);
        group.MapPost("/tokens/generate", (HttpContext c, DirectLineService s) => s.GenerateAsync(c));
        group.MapPost("/tokens/refresh", (HttpContext c, DirectLineService s) => s.RefreshAsync(c));
        group.MapPost("/conversations", (HttpContext c, DirectLineService s, CancellationToken t) => s.StartAsync(c, t));
        group.MapGet("/conversations/{conversationId}", (HttpContext c, string conversationId, DirectLineService s) => s.ReconnectAsync(c, conversationId));
        group.MapGet("/conversations/{conversationId}/activities", (HttpContext c, string conversationId, DirectLineService s) => s.GetActivitiesAsync(c, conversationId));
        group.MapPost("/conversations/{conversationId}/activities", (HttpContext c, string conversationId, DirectLineService s, CancellationToken t) => s.PostActivityAsync(c, conversationId, t))
            .RequireRateLimiting(DirectLineRateLimits.Posts);
        group.MapPost("/conversations/{conversationId}/upload", (HttpContext c, string conversationId, DirectLineService s, CancellationToken t) => s.UploadAsync(c, conversationId, t))
            .DisableAntiforgery().RequireRateLimiting(DirectLineRateLimits.Posts);
        group.Map("/conversations/{conversationId}/stream", (HttpContext c, string conversationId, DirectLineService s) => s.StreamAsync(c, conversationId));
        group.MapGet("/attachments/{conversationId}/{fileId}", (HttpContext c, string conversationId, string fileId, DirectLineService s, CancellationToken t) =>
            s.GetAttachmentAsync(c, conversationId, fileId, t));
        endpoints.MapPost("/api/directline/token", (HttpContext c, DirectLineService s) => s.PageToken(c)).RequireRateLimiting(DirectLineRateLimits.Tokens);
        return endpoints;
    }
}
