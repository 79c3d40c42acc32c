using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ParkingBot.Framework.Cluster;

/// <summary>
/// Ready only while the instance listens to the others: without it, a reply made on another instance would not reach the
/// Web Chat streams and agent consoles connected here (part of /readyz on PostgreSQL).
/// </summary>
public sealed class DoorbellHealthCheck(PostgresDoorbell doorbell) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(doorbell.IsListening
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("Not listening to the other instances (PostgreSQL LISTEN); reconnecting."));
}
