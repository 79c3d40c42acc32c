using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using ParkingBot.Testing;

namespace ParkingBot.Tests;

/// <summary>An operator stops the bot while customers and agents are connected: it goes at once, streams closed.</summary>
public sealed class ShutdownTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("parkingbot-shutdown-").FullName;

    [Fact]
    public async Task SIGTERM_with_a_Direct_Line_stream_and_an_agent_console_open_stops_in_under_five_seconds()
    {
        var bot = await HostProcess.StartAsync(_dataDirectory);
        await using var _ = bot;
        using var http = bot.CreateClient();
        var token = await (await http.PostAsync("/api/directline/token", null)).Content.ReadFromJsonAsync<JsonElement>();
        using var socket = new ClientWebSocket();
        var stream = new Uri(bot.BaseAddress, $"/v3/directline/conversations/{Uri.EscapeDataString(token.GetProperty("conversationId").GetString()!)}/stream?t={Uri.EscapeDataString(token.GetProperty("token").GetString()!)}");
        await socket.ConnectAsync(new UriBuilder(stream) { Scheme = "ws" }.Uri, CancellationToken.None);
        using var agent = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = bot.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        var password = (await File.ReadAllTextAsync(Path.Combine(_dataDirectory, "agent-initial-password.txt"))).Trim();
        (await agent.PostAsJsonAsync("/api/agent/login", new { id = "agent", password })).EnsureSuccessStatusCode();
        using var events = await agent.GetAsync("/api/agent/events", HttpCompletionOption.ResponseHeadersRead);
        var reader = new StreamReader(await events.Content.ReadAsStreamAsync());
        Assert.StartsWith("event: case", await reader.ReadLineAsync());

        var (took, exitCode) = await bot.StopAsync();

        Assert.True(took < TimeSpan.FromSeconds(5), $"stopping took {took.TotalSeconds:F1} s with clients connected");
        Assert.Equal(0, exitCode);
        var closing = await socket.ReceiveAsync(new byte[1024], CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(WebSocketMessageType.Close, closing.MessageType);
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);
}
