using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using ParkingBot.Framework.Integration;

namespace ParkingBot.Hosting;

public static class EndpointExtensions
{
    /// <summary>POST /api/messages, as the Emulator and Azure Bot Service call it.</summary>
    public static WebApplication MapBotEndpoints(this WebApplication app)
    {
        app.MapBotMessages("/api/messages");
        app.MapGet("/", () => Results.Text("ParkingBot is running. Connect the Bot Framework Emulator to /api/messages."));
        return app;
    }

    /// <summary>/healthz: the process answers. /readyz: and its storage is reachable.</summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}
