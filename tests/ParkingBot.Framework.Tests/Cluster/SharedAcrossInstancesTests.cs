using System.Xml.Linq;
using ParkingBot.Data;
using ParkingBot.Framework.Cluster;
using ParkingBot.Framework.DirectLine;
using ParkingBot.Testing;

namespace ParkingBot.Framework.Tests.Cluster;

/// <summary>What instances must agree on, made once in the shared database; a subclass per engine.</summary>
public abstract class SharedAcrossInstancesTests(TestDatabase database) : IDisposable
{
    [Fact]
    public async Task Instances_starting_together_agree_on_the_first_value()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => new SharedSecrets(database.Database).GetOrAdd("key", $"candidate-{i}"))));

        Assert.Single(results, r => r.Added);
        Assert.Single(results.Select(r => r.Value).Distinct());
        Assert.Equal(results[0].Value, new SharedSecrets(database.Database).Get("key"));
    }

    [Fact]
    public void The_data_protection_key_ring_written_by_one_instance_is_read_by_another()
    {
        new SharedKeyRing(new SharedSecrets(database.Database)).StoreElement(new XElement("key", new XAttribute("id", "k1")), "key-k1");
        new SharedSecrets(database.Database).GetOrAdd("directline-signing-key", "not a key-ring element");

        var read = new SharedKeyRing(new SharedSecrets(database.Database)).GetAllElements();

        Assert.Equal("k1", Assert.Single(read).Attribute("id")!.Value);
    }

    [Fact]
    public async Task Posts_counted_on_two_instances_share_one_limit_per_minute()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 29, 9, 0, 10, TimeSpan.Zero));
        var options = Microsoft.Extensions.Options.Options.Create(new DirectLineOptions { PostsPerMinute = 10 });
        var instances = new[] { new DirectLineRateLimiter(options, clock, new SqlRateCounter(database.Database)), new DirectLineRateLimiter(options, clock, new SqlRateCounter(database.Database)) };
        var grant = new DirectLineGrant("c1", "u1");

        var taken = await Task.WhenAll(Enumerable.Range(0, 14).Select(i => instances[i % 2].TakeAsync(grant)));
        var otherCustomer = await instances[0].TakeAsync(new DirectLineGrant("c2", "u2"));
        clock.Now = clock.Now.AddMinutes(1);
        var nextMinute = await instances[1].TakeAsync(grant);

        Assert.Equal(10, taken.Count(t => t is null));
        Assert.All(taken.Where(t => t is not null), t => Assert.Equal(50, t));
        Assert.Null(otherCustomer);
        Assert.Null(nextMinute);
    }

    public void Dispose() => database.Dispose();
}

public sealed class SqliteSharedAcrossInstancesTests() : SharedAcrossInstancesTests(TestDatabase.Sqlite());

public sealed class PostgresSharedAcrossInstancesTests() : SharedAcrossInstancesTests(TestDatabase.Postgres());
