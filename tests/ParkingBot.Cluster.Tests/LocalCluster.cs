using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ParkingBot.ClusterProxy;
using ParkingBot.Testing;
using Yarp.ReverseProxy.Model;

namespace ParkingBot.Cluster.Tests;

/// <summary>
/// Three ParkingBot processes started together on one new PostgreSQL database, behind the round-robin proxy of
/// scripts/run-cluster.sh (hosted here, so the tests can see which instance served each request).
/// </summary>
public sealed class LocalCluster : IAsyncLifetime
{
    public const string AgentId = "kim";
    public const string AgentPassword = "cluster-test-42";
    private readonly string _folder = Directory.CreateTempSubdirectory("parkingbot-cluster-").FullName;
    private readonly HostProcess?[] _instances = new HostProcess?[3];
    private Dictionary<string, string> _settings = [];
    private WebApplication _proxy = null!;

    public IReadOnlyList<HostProcess> Instances => _instances.Select(i => i!).ToList();

    public Uri ProxyAddress { get; private set; } = null!;

    /// <summary>Which instance (instance1…) served which request ("POST /v3/…").</summary>
    public ConcurrentQueue<(string Instance, string Request)> Served { get; } = new();

    public async Task InitializeAsync()
    {
        _settings = new Dictionary<string, string>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = TestPostgres.CreateDatabaseConnectionString(),
            ["Agents:Accounts:0:Id"] = AgentId,
            ["Agents:Accounts:0:DisplayName"] = "김상담",
            ["Agents:Accounts:0:PasswordHash"] = new PasswordHasher<object>().HashPassword(new object(), AgentPassword),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        // Started together: the schema, the seed and the shared keys are made once, whoever comes first.
        var started = await Task.WhenAll(Enumerable.Range(0, _instances.Length).Select(i => StartInstanceAsync(i, port: null)));
        started.CopyTo(_instances, 0);
        await StartProxyAsync();
    }

    public HttpClient ProxyClient() => new() { BaseAddress = ProxyAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>kill -9 of one instance; <see cref="RestartAsync"/> brings it back on its port.</summary>
    public Task KillAsync(int instance) => _instances[instance]!.KillAsync();

    public async Task RestartAsync(int instance)
    {
        var port = _instances[instance]!.BaseAddress.Port;
        await _instances[instance]!.DisposeAsync();
        _instances[instance] = await StartInstanceAsync(instance, port);
    }

    /// <summary>The instance index (0…) that served the request.</summary>
    public static int IndexOf(string instance) => int.Parse(instance["instance".Length..]) - 1;

    private Task<HostProcess> StartInstanceAsync(int instance, int? port)
    {
        var data = Path.Combine(_folder, $"instance{instance + 1}");
        return HostProcess.StartAsync(data, _settings, port);
    }

    private async Task StartProxyAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddClusterProxy(_instances.Select(i => i!.BaseAddress.ToString()).ToList());
        _proxy = builder.Build();
        _proxy.UseWebSockets();
        _proxy.MapReverseProxy(proxy =>
        {
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.Use((context, next) =>
            {
                if (context.GetReverseProxyFeature().AvailableDestinations is [var destination])
                {
                    Served.Enqueue((destination.DestinationId, $"{context.Request.Method} {context.Request.Path}"));
                }
                return next();
            });
            proxy.UsePassiveHealthChecks();
        });
        await _proxy.StartAsync();
        ProxyAddress = new Uri(_proxy.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        foreach (var instance in _instances)
        {
            if (instance is not null)
            {
                await instance.DisposeAsync();
            }
        }
        Directory.Delete(_folder, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<LocalCluster>
{
    public const string Name = "cluster";
}
