using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.LoadBalancing;

namespace ParkingBot.ClusterProxy;

/// <summary>Every path to every instance in turn: nothing sticks a client to one instance.</summary>
public static class ClusterRoutes
{
    public static IReadOnlyList<RouteConfig> Routes { get; } =
    [
        new RouteConfig
        {
            RouteId = "all",
            ClusterId = "instances",
            Match = new RouteMatch { Path = "{**path}" },
            // The instances see the host the browser asked for, so the URLs they hand out (the Direct Line streamUrl,
            // attachment links) lead back through the proxy, on the page's own origin.
            Transforms = [new Dictionary<string, string> { ["RequestHeaderOriginalHost"] = "true" }],
        },
    ];

    public static ClusterConfig Cluster(IReadOnlyList<string> backends) => new()
    {
        ClusterId = "instances",
        LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
        // An instance that is down is skipped after its first failed request or its first failed probe of /healthz.
        HealthCheck = new HealthCheckConfig
        {
            Passive = new PassiveHealthCheckConfig { Enabled = true, ReactivationPeriod = TimeSpan.FromSeconds(2) },
            Active = new ActiveHealthCheckConfig { Enabled = true, Interval = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromSeconds(1), Path = "/healthz" },
        },
        Destinations = backends.Select((url, i) => (url, i)).ToDictionary(b => $"instance{b.i + 1}", b => new DestinationConfig { Address = b.url }),
    };

    public static IReadOnlyList<string> Backends(string[] args) =>
        args.Select((arg, i) => (arg, i)).Where(a => a.arg == "--backend" && a.i + 1 < args.Length).Select(a => args[a.i + 1]).ToList();
}
