using System.Net;
using System.Net.Http.Json;
using ParkingBot.Framework.Schema;
using ParkingBot.Framework.Storage;
using ParkingBot.Framework.Tests.Infrastructure;
using ParkingBot.Testing;

namespace ParkingBot.Framework.Tests.Builder;

/// <summary>A turn may arrive twice and a reply may be lost on the way; the conversation must not notice.</summary>
public sealed class SafeTurnTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("parkingbot-safe-turns-").FullName;
    private EmulatorChannel _channel = null!;
    private LoopbackServer _bot = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _channel = await EmulatorChannel.StartAsync();
        _bot = await BotTestHost.StartAsync(new SqliteStorage(Path.Combine(_directory, "state.db")));
        _client = _bot.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _bot.DisposeAsync();
        await _channel.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task The_same_activity_sent_twice_is_answered_with_its_first_replies_and_runs_once()
    {
        var first = Activities.Message("one", _channel.ServiceUrl);
        var again = Activities.Message("one", _channel.ServiceUrl);
        again.Id = first.Id;

        await _client.PostActivityAsync(first);
        var repeated = await _client.PostActivityAsync(again);
        await _client.PostActivityAsync(Activities.Message("two", _channel.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        Assert.Equal(["count:1", "count:1", "count:2"], (await _channel.WaitForAsync(3)).Select(r => r.Activity.Text));
    }

    [Fact]
    public async Task A_turn_whose_replies_were_lost_delivers_them_when_the_channel_sends_it_again_without_running_twice()
    {
        await _client.PostActivityAsync(Activities.Message("one", _channel.ServiceUrl));
        _channel.ResponseStatus = 500;
        var lost = Activities.Message("two", _channel.ServiceUrl);
        var failed = await _client.PostActivityAsync(lost);
        _channel.ResponseStatus = 200;
        var retried = await _client.PostActivityAsync(lost);
        await _client.PostActivityAsync(Activities.Message("three", _channel.ServiceUrl));

        Assert.Equal((HttpStatusCode.BadGateway, HttpStatusCode.OK), (failed.StatusCode, retried.StatusCode));
        var delivered = (await _channel.WaitForAsync(4)).Select(r => r.Activity.Text).ToList();
        // The refused delivery is also recorded by the channel; what matters is the count: "two" ran once.
        Assert.Equal("count:3", delivered[^1]);
        Assert.Equal("count:2", delivered[^2]);
    }

    [Fact]
    public async Task Only_the_last_few_activities_are_remembered_so_state_does_not_grow()
    {
        var first = Activities.Message("one", _channel.ServiceUrl);
        await _client.PostActivityAsync(first);
        for (var i = 0; i < ParkingBot.Framework.Builder.TurnJournal.Kept; i++)
        {
            await _client.PostActivityAsync(Activities.Message("more", _channel.ServiceUrl));
        }
        var old = Activities.Message("one", _channel.ServiceUrl);
        old.Id = first.Id;
        await _client.PostActivityAsync(old);

        var texts = (await _channel.WaitForAsync(ParkingBot.Framework.Builder.TurnJournal.Kept + 2)).Select(r => r.Activity.Text).ToList();
        Assert.Equal($"count:{ParkingBot.Framework.Builder.TurnJournal.Kept + 2}", texts[^1]);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("/relative/path")]
    public async Task A_service_url_that_is_not_absolute_http_gets_400_before_anything_runs(string serviceUrl)
    {
        var response = await _client.PostActivityAsync(Activities.Message("one", serviceUrl));
        await _client.PostActivityAsync(Activities.Message("two", _channel.ServiceUrl));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("count:1", Assert.Single(await _channel.WaitForAsync(1)).Activity.Text);
    }

    [Theory]
    [InlineData("conversation")]
    [InlineData("user")]
    [InlineData("activity")]
    public async Task An_id_longer_than_the_limit_gets_400_with_the_reason(string which)
    {
        var message = Activities.Message("one", _channel.ServiceUrl);
        var huge = new string('x', 100_000);
        switch (which)
        {
            case "conversation":
                message.Conversation = new ConversationAccount(huge);
                break;
            case "user":
                message.From = new ChannelAccount(huge);
                break;
            default:
                message.Id = huge;
                break;
        }

        var response = await _client.PostActivityAsync(message);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<ErrorResponse>(BotJson.Options);
        Assert.Equal("BadArgument", error!.Error.Code);
        Assert.Contains("longer than 512", error.Error.Message);
        Assert.Empty(_channel.Received);
    }
}
