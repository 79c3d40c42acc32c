using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ParkingBot.Framework.Cluster;
using ParkingBot.Testing;

namespace ParkingBot.Framework.Tests.Cluster;

/// <summary>Two instances' doorbells on one real PostgreSQL database.</summary>
public sealed class PostgresDoorbellTests : IAsyncLifetime
{
    private readonly NpgsqlDataSource _database = TestPostgres.CreateDatabase();
    private readonly ConcurrentQueue<string> _heardByOne = new();
    private readonly ConcurrentQueue<string> _heardByTwo = new();
    private PostgresDoorbell _one = null!;
    private PostgresDoorbell _two = null!;

    public async Task InitializeAsync()
    {
        (_one, _two) = (Doorbell(_heardByOne), Doorbell(_heardByTwo));
        await Task.WhenAll(_one.StartAsync(default), _two.StartAsync(default));
        await Task.WhenAll(_one.Listening, _two.Listening);
    }

    [Fact]
    public async Task A_ring_reaches_the_other_instance_with_its_topic_and_id_and_not_the_one_that_rang()
    {
        await _one.RingAsync("dl.log", "conversation-1");
        await _one.RingAsync("other", "x");

        await Eventually(() => _heardByTwo.Contains("dl.log conversation-1"));
        await _two.RingAsync("dl.log", "conversation-2");
        await Eventually(() => _heardByOne.Contains("dl.log conversation-2"));
        Assert.DoesNotContain("dl.log conversation-1", _heardByOne);
        // A ring of another topic never reaches a dl.log listener.
        Assert.DoesNotContain("dl.log x", _heardByTwo);
    }

    [Fact]
    public async Task An_instance_whose_listening_connection_is_lost_reconnects_and_tells_its_listeners_to_catch_up()
    {
        // Each doorbell already caught up once, after its first LISTEN.
        await Eventually(() => _heardByOne.Contains("dl.log (catch up)") && _heardByTwo.Contains("dl.log (catch up)"));
        _heardByOne.Clear();
        _heardByTwo.Clear();
        await using (var kill = _database.CreateCommand(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'LISTEN%'"))
        {
            await kill.ExecuteNonQueryAsync();
        }

        await Eventually(() => _heardByTwo.Contains("dl.log (catch up)") && _heardByOne.Contains("dl.log (catch up)"));
        await _one.RingAsync("dl.log", "after");
        await Eventually(() => _heardByTwo.Contains("dl.log after"));
    }

    [Fact]
    public async Task An_instance_is_ready_only_while_it_listens_to_the_others()
    {
        var check = new DoorbellHealthCheck(_one);
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);

        // A server the doorbell cannot reach: it never listens.
        await using var unreachable = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=x;Password=x;Timeout=1");
        var cut = new PostgresDoorbell(unreachable, NullLogger<PostgresDoorbell>.Instance);
        await cut.StartAsync(default);
        await Task.Delay(300);
        var cutOff = await new DoorbellHealthCheck(cut).CheckHealthAsync(new HealthCheckContext());
        await cut.StopAsync(default);
        await _one.StopAsync(default);

        Assert.Equal(HealthStatus.Unhealthy, cutOff.Status);
        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    private PostgresDoorbell Doorbell(ConcurrentQueue<string> heard)
    {
        var doorbell = new PostgresDoorbell(_database, NullLogger<PostgresDoorbell>.Instance);
        doorbell.Subscribe("dl.log", id => heard.Enqueue($"dl.log {id ?? "(catch up)"}"));
        return doorbell;
    }

    private static async Task Eventually(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 20)
        {
            Assert.True(waited < 10_000, "not heard within 10 s");
            await Task.Delay(20);
        }
    }

    public async Task DisposeAsync()
    {
        await Task.WhenAll(_one.StopAsync(default), _two.StopAsync(default));
        await _database.DisposeAsync();
    }
}
