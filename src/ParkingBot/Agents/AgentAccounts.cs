using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;

namespace ParkingBot.Agents;

public sealed class AgentAccount
{
    public string Id { get; set; } = "";
    public string DisplayName { get; set; } = "";

    /// <summary>An ASP.NET Core Identity password hash (`dotnet run --project src/ParkingBot -- hash-password`).</summary>
    public string PasswordHash { get; set; } = "";
}

/// <summary>
/// Agent accounts from configuration (Agents:Accounts) with hashed passwords. With none configured, one demo
/// account "agent" is created on first start; its random password is written once to
/// {Storage:DataDirectory}/agent-initial-password.txt (never to the logs) and only its hash is kept.
/// </summary>
public sealed class AgentAccounts
{
    private static readonly PasswordHasher<AgentAccount> Hasher = new();
    private readonly Dictionary<string, AgentAccount> _accounts;

    public AgentAccounts(IConfiguration configuration, string dataDirectory, ILogger<AgentAccounts> logger)
    {
        var configured = configuration.GetSection("Agents:Accounts").Get<List<AgentAccount>>() ?? [];
        var accounts = configured.Count > 0 ? configured : [DemoAccount(dataDirectory, logger)];
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

    private static readonly string DummyHash = Hash(Guid.NewGuid().ToString());

    private static AgentAccount DemoAccount(string dataDirectory, ILogger logger)
    {
        Directory.CreateDirectory(dataDirectory);
        var accountFile = Path.Combine(dataDirectory, "agent-account.json");
        if (File.Exists(accountFile))
        {
            return JsonSerializer.Deserialize<AgentAccount>(File.ReadAllText(accountFile))!;
        }
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', '-').Replace('/', '_');
        var account = new AgentAccount { Id = "agent", DisplayName = "상담원", PasswordHash = Hash(password) };
        var passwordFile = Path.Combine(dataDirectory, "agent-initial-password.txt");
        File.WriteAllText(passwordFile, password + Environment.NewLine);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.WriteAllText(accountFile, JsonSerializer.Serialize(account));
        logger.LogWarning("No agent accounts configured: created the demo agent 'agent'; its password is in {PasswordFile}", passwordFile);
        return account;
    }
}
