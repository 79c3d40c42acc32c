using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using ParkingBot.Agents;
using ParkingBot.Data;

namespace ParkingBot.Tests;

/// <summary>With no agent configured, one demo agent is made once, whatever the number of instances.</summary>
public sealed class DemoAgentTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("parkingbot-demo-agent-").FullName;
    private static readonly IConfiguration NoAccounts = new ConfigurationBuilder().Build();

    private AgentAccounts Instance(string name, SharedSecrets secrets) =>
        new(NoAccounts, Path.Combine(_folder, name), secrets, NullLogger<AgentAccounts>.Instance);

    [Fact]
    public async Task Instances_starting_together_make_one_demo_agent_whose_password_works_on_all()
    {
        var secrets = new SharedSecrets(new SqliteDatabase(Path.Combine(_folder, "secrets.db")));

        var instances = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => Task.Run(() => Instance($"instance{i}", secrets))));

        var passwordFile = Assert.Single(Directory.GetFiles(_folder, "agent-initial-password.txt", SearchOption.AllDirectories));
        var password = (await File.ReadAllTextAsync(passwordFile)).Trim();
        Assert.All(instances, accounts => Assert.Equal("agent", accounts.SignIn("agent", password)?.Id));
        Assert.All(instances, accounts => Assert.Null(accounts.SignIn("agent", password + "x")));
    }

    [Fact]
    public async Task The_demo_agent_of_an_earlier_release_stays_the_demo_agent()
    {
        var earlier = Path.Combine(_folder, "instance1");
        Directory.CreateDirectory(earlier);
        await File.WriteAllTextAsync(Path.Combine(earlier, "agent-account.json"),
            JsonSerializer.Serialize(new AgentAccount { Id = "agent", DisplayName = "상담원", PasswordHash = AgentAccounts.Hash("kept-password") }));
        var secrets = new SharedSecrets(new SqliteDatabase(Path.Combine(_folder, "secrets.db")));

        var upgraded = Instance("instance1", secrets);
        var another = Instance("instance2", secrets);

        Assert.NotNull(upgraded.SignIn("agent", "kept-password"));
        Assert.NotNull(another.SignIn("agent", "kept-password"));
        Assert.Empty(Directory.GetFiles(_folder, "agent-initial-password.txt", SearchOption.AllDirectories));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
