using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Builder;

namespace ParkingBot.Framework.DirectLine;

/// <summary>
/// Limits per client address on the embedded Direct Line's public doors (ASP.NET Core's rate limiter, per instance):
/// new page tokens (DirectLine:TokensPerMinutePerAddress) and posts (DirectLine:PostsPerMinutePerAddress, beside the
/// per-conversation limit). Refused requests get 429 with Retry-After.
/// </summary>
public static class DirectLineRateLimits
{
    public const string Tokens = "directline-tokens";
    public const string Posts = "directline-posts";

    public static IServiceCollection AddDirectLineRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Tokens, context => PerAddress(context, Options(context).TokensPerMinutePerAddress));
            limiter.AddPolicy(Posts, context => PerAddress(context, Options(context).PostsPerMinutePerAddress));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await context.HttpContext.Response.WriteAsJsonAsync(new
                {
                    error = new { code = "TooManyRequests", message = $"Too many requests from this address; try again in {retryAfter} s." },
                }, cancellationToken);
            };
        });

    private static DirectLineOptions Options(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<DirectLineOptions>>().Value;

    private static RateLimitPartition<string> PerAddress(HttpContext context, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
}
