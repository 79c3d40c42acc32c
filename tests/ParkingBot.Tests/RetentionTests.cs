using ParkingBot.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ParkingBot.Framework.DirectLine;
using ParkingBot.Framework.Retention;
using ParkingBot.Framework.Storage;
using ParkingBot.Handoff.Relay;
using ParkingBot.Tests.Infrastructure;

namespace ParkingBot.Tests;

/// <summary>
/// The retention job of the running app, driven by a fake clock: a conversation idle longer than Retention:Days loses its
/// Direct Line log, its uploads, its transcript and its state; one idle as long but with a case still open keeps them all.
/// </summary>
public sealed class RetentionTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("parkingbot-retention-").FullName;
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Urls", "http://127.0.0.1:0");
            web.UseSetting("Storage:DataDirectory", _dataDirectory);
            web.UseSetting("Retention:Days", "30");
            web.UseSetting("Retention:SweepInterval", "01:00:00");
            web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock));
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        _http = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task Idle_conversations_are_forgotten_after_the_retention_period_unless_a_case_is_open()
    {
        var idle = await ConversationWithAnUploadAsync("주차권 결제 시점");
        var waiting = await ConversationWithAnUploadAsync("상담원 연결");

        await SweptAfterAsync(TimeSpan.FromDays(29));
        Assert.True(await HoldsAsync(idle));
        Assert.True(await HoldsAsync(waiting));

        await SweptAfterAsync(TimeSpan.FromDays(2));
        Assert.False(await HoldsAnythingAsync(idle));
        Assert.True(await HoldsAsync(waiting));
    }

    private async Task<DirectLineClient> ConversationWithAnUploadAsync(string text)
    {
        var customer = await DirectLineClient.FromPageTokenAsync(_http);
        await customer.StartAsync();
        (await customer.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{customer.ConversationId}/upload?userId={customer.UserId}",
            DirectLineClient.Upload("영수증입니다", ("영수증.png", "image/png", DirectLineTests.Png)))).EnsureSuccessStatusCode();
        await customer.SayAsync(text);
        return customer;
    }

    /// <summary>Moves the clock and waits for the sweep it causes (the job runs on its own thread, after its sweep at start).</summary>
    private async Task SweptAfterAsync(TimeSpan elapsed)
    {
        var sweeper = _factory.Services.GetRequiredService<RetentionSweeper>();
        await WaitForAsync(() => sweeper.Sweeps > 0);
        var before = sweeper.Sweeps;
        _clock.Advance(elapsed);
        await WaitForAsync(() => sweeper.Sweeps > before);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the retention job did not sweep");
            await Task.Delay(20);
        }
    }

    private async Task<bool> HoldsAsync(DirectLineClient customer) =>
        (await PartsAsync(customer)).All(held => held);

    private async Task<bool> HoldsAnythingAsync(DirectLineClient customer) =>
        (await PartsAsync(customer)).Any(held => held);

    /// <summary>The Direct Line log, the uploads, the transcript and the conversation state: each there or not.</summary>
    private async Task<bool[]> PartsAsync(DirectLineClient customer)
    {
        var services = _factory.Services;
        var log = await services.GetRequiredService<IDirectLineStore>().ReadAsync(customer.ConversationId, 0, 100);
        await using var database = await services.GetRequiredService<ParkingBot.Data.StoreDatabases>().For("directline.db").OpenAsync();
        var uploads = await ParkingBot.Data.Sql.ScalarAsync<long>(database, null, "SELECT COUNT(*) FROM dl_files WHERE conversation_id = $1", [customer.ConversationId]) > 0;
        var transcript = await services.GetRequiredService<ConversationTranscripts>().ReadAsync($"directline/{customer.ConversationId}");
        var stateKey = $"directline/conversations/{customer.ConversationId}";
        var state = await services.GetRequiredService<IStorage>().ReadAsync([stateKey]);
        return [log.Activities.Count > 0, uploads, transcript.Count > 0, state.ContainsKey(stateKey)];
    }
}
