using ParkingBot.Framework.Kakao;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using ParkingBot.Framework.DirectLine;
using ParkingBot.Framework.Integration;

namespace ParkingBot.Hosting;

public static class EndpointExtensions
{
    /// <summary>POST /api/messages, as the Emulator and Azure Bot Service call it; the embedded Direct Line; the customer's chat page at /.</summary>
    public static WebApplication MapBotEndpoints(this WebApplication app)
    {
        app.MapBotMessages("/api/messages");
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.UseRateLimiter();
        app.MapDirectLine();
        app.MapKakao();
        app.MapGet("/", (HttpContext context, PageFiles files) => files.Page(context));
        app.MapGet("/chat/{asset:regex(^[a-z]+\\.(js|css)$)}", (string asset, HttpContext context, PageFiles files) =>
            files.Send(context, "chat/" + asset, asset.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8"));
        app.MapGet("/chat/lib/{bundle:regex(^(webchat|react)\\.js$)}", (string bundle, HttpContext context, PageFiles files) =>
            files.Send(context, "chat/lib/" + bundle, "text/javascript; charset=utf-8"));
        app.MapGet("/favicon.svg", (HttpContext context, PageFiles files) => files.Send(context, "favicon.svg", "image/svg+xml"));
        app.MapGet("/favicon.ico", (HttpContext context, PageFiles files) => files.Send(context, "favicon.svg", "image/svg+xml"));
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
