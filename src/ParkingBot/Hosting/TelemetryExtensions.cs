using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ParkingBot.Framework.Telemetry;
using ParkingBot.Handoff.Store;

namespace ParkingBot.Hosting;

/// <summary>
/// Metrics and traces with OpenTelemetry: ParkingBot's own meter (<see cref="BotTelemetry"/>), ASP.NET Core, HttpClient
/// and the runtime, at /metrics in Prometheus' text format, and by OTLP when OpenTelemetry:OtlpEndpoint (or
/// OTEL_EXPORTER_OTLP_ENDPOINT) is set; traces (HTTP → turn → commit → delivery) go by OTLP only. No path, query or
/// address that could name a conversation or carry a key is kept on a span.
/// </summary>
public static class TelemetryExtensions
{
    public static IServiceCollection AddParkingBotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = configuration["OpenTelemetry:OtlpEndpoint"] is { Length: > 0 } configured ? configured : configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("parkingbot"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(BotTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation()
                    .AddPrometheusExporter();
                if (!string.IsNullOrEmpty(otlp))
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
                }
            });
        if (!string.IsNullOrEmpty(otlp))
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(BotTelemetry.Name)
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.Filter = context => !context.Request.Path.StartsWithSegments("/metrics");
                    // The route template stays (http.route); the path itself may hold a conversation id or the Kakao skill key.
                    o.EnrichWithHttpRequest = (activity, _) => activity.SetTag("url.path", null).SetTag("url.query", null);
                })
                .AddHttpClientInstrumentation(o =>
                    o.EnrichWithHttpRequestMessage = (activity, request) => activity.SetTag("url.full", request.RequestUri?.GetLeftPart(UriPartial.Authority)))
                .AddOtlpExporter(o => o.Endpoint = new Uri(otlp)));
        }
        return services;
    }

    /// <summary>/metrics: open to callers on this machine; others send Authorization: Bearer {Metrics:Key}.</summary>
    public static WebApplication MapMetrics(this WebApplication app)
    {
        var cases = app.Services.GetRequiredService<IHandoffCaseStore>();
        BotTelemetry.CountQueue = () => cases.CountQueuedAsync().GetAwaiter().GetResult();
        var key = app.Configuration["Metrics:Key"];
        app.MapPrometheusScrapingEndpoint("/metrics").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            return MetricsAccessRule.Decide(http.Connection.RemoteIpAddress, http.Request.Headers.Authorization.ToString(), key) switch
            {
                MetricsAccess.Allowed => await next(context),
                MetricsAccess.NoKeyConfigured => Results.Problem("Metrics are open to callers on this machine; set Metrics:Key to let others in with it.",
                    statusCode: StatusCodes.Status403Forbidden),
                _ => Results.Problem("Metrics need Authorization: Bearer with the metrics key.", statusCode: StatusCodes.Status401Unauthorized),
            };
        });
        return app;
    }
}
