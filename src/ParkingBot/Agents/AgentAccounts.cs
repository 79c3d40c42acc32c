using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using ParkingBot.Data;

namespace ParkingBot.Agents;

public sealed class AgentAccount
{
    public string Id { get; set; } = "";
    public string DisplayName { get; set; } = "";

    /// <summary>An ASP.NET Core Identity password hash (`dotnet run --project src/ParkingBot -- hash-password`).</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary>Roles beyond agent: "supervisor" sees the outcome report.</summary>
    public List<string> Roles { get; set; } = [];

    public bool IsSupervisor => Roles.Contains(AgentRoles.Supervisor, StringComparer.OrdinalIgnoreCase);
}

public static class AgentRoles
{
    public const string Supervisor = "supervisor";
}

/// <summary>
/// Agent accounts from configuration (Agents:Accounts) with hashed passwords. With none configured, one demo
/// account "agent" is created once, by the first instance to start (its hash kept in <see cref="SharedSecrets"/>); that
/// instance writes the random password to {Storage:DataDirectory}/agent-initial-password.txt (never to the logs). The demo
/// agent is a supervisor; configured accounts are supervisors when their Roles say so.
/// </summary>
public sealed class AgentAccounts
{
    private static readonly PasswordHasher<AgentAccount> Hasher = new();
    private readonly Dictionary<string, AgentAccount> _accounts;

    public AgentAccounts(IConfiguration configuration, string dataDirectory, SharedSecrets secrets, ILogger<AgentAccounts> logger)
    {
        var configured = configuration.GetSection("Agents:Accounts").Get<List<AgentAccount>>() ?? [];
        var accounts = configured.Count > 0 ? configured : [DemoAccount(dataDirectory, secrets, logger)];
        _accounts = accounts.ToDictionary(a => a.Id, StringComparer.Ordinal);
    }

    public static string Hash(string password) => Hasher.HashPassword(new AgentAccount(), password);

    public AgentAccount? SignIn(string? id, string? password)
    {
        if (id is null || password is null || !_accounts.TryGetValue(id, out var account))
        {
            // Spend the same time as a real check so ids cannot be told apart by timing.
            Hasher.VerifyHashedPassword(new AgentAccount(), DummyHash, password ?? "");
            return null;
        }
        return Hasher.VerifyHashedPassword(account, account.PasswordHash, password) == PasswordVerificationResult.Failed ? null : account;
    }

    public AgentAccount? Find(string id) => _accounts.GetValueOrDefault(id);

    public IReadOnlyList<AgentAccount> All => [.. _accounts.Values.OrderBy(a => a.DisplayName, StringComparer.Ordinal)];

    private static readonly string DummyHash = Hash(Guid.NewGuid().ToString());

    private static AgentAccount DemoAccount(string dataDirectory, SharedSecrets secrets, ILogger logger)
    {
        // An earlier release kept the demo account in the data folder: it stays the account.
        var earlierFile = Path.Combine(dataDirectory, "agent-account.json");
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', '-').Replace('/', '_');
        var candidate = File.Exists(earlierFile)
            ? File.ReadAllText(earlierFile)
            : JsonSerializer.Serialize(new AgentAccount { Id = "agent", DisplayName = "상담원", PasswordHash = Hash(password) });
        var (json, added) = secrets.GetOrAdd("agent-account/demo", candidate);
        if (added && !File.Exists(earlierFile))
        {
            Directory.CreateDirectory(dataDirectory);
            var passwordFile = Path.Combine(dataDirectory, "agent-initial-password.txt");
            File.WriteAllText(passwordFile, password + Environment.NewLine);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            logger.LogWarning("No agent accounts configured: created the demo agent 'agent'; its password is in {PasswordFile}", passwordFile);
        }
        // The demo agent is the only account, so it is the supervisor too (the outcome report is reachable out of the box).
        var demo = JsonSerializer.Deserialize<AgentAccount>(json)!;
        demo.Roles = [AgentRoles.Supervisor];
        return demo;
    }
}
