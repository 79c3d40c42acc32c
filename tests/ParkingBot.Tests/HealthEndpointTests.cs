using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ParkingBot.Framework.Storage;

namespace ParkingBot.Tests;

public sealed class HealthEndpointTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("parkingbot-health-").FullName;

    [Fact]
    public async Task Liveness_and_readiness_are_healthy_with_a_working_store()
    {
        using var factory = CreateFactory(storage: null);
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task Readiness_fails_but_liveness_holds_when_the_store_is_unreachable()
    {
        using var factory = CreateFactory(new UnreachableStorage());
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/readyz")).StatusCode);
    }

    private WebApplicationFactory<Program> CreateFactory(IStorage? storage)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Storage:DataDirectory", _dataDirectory);
            web.UseSetting("Urls", "http://127.0.0.1:0");
            if (storage is not null)
            {
                web.ConfigureServices(services => services.AddSingleton(storage));
            }
        });
        factory.UseKestrel(0);
        factory.StartServer();
        return factory;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    /// <summary>A store whose disk or server has gone away.</summary>
    private sealed class UnreachableStorage : IStorage
    {
        public Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
            throw new IOException("disk gone");

        public Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default) =>
            throw new IOException("disk gone");

        public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
            throw new IOException("disk gone");
    }
}
