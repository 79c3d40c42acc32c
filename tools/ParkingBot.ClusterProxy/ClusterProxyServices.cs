using Yarp.ReverseProxy.Health;

namespace ParkingBot.ClusterProxy;

public static class ClusterProxyServices
{
    /// <summary>The proxy over <paramref name="backends"/>: round-robin, and an instance that fails one request is left out until its /healthz answers again.</summary>
    public static IServiceCollection AddClusterProxy(this IServiceCollection services, IReadOnlyList<string> backends)
    {
        services.AddReverseProxy().LoadFromMemory(ClusterRoutes.Routes, [ClusterRoutes.Cluster(backends)]);
        services.Configure<TransportFailureRateHealthPolicyOptions>(options =>
        {
            options.MinimalTotalCountThreshold = 1;
            options.DefaultFailureRateLimit = 0.01;
        });
        return services;
    }
}
