using System.Net;
using System.Net.Http.Json;
using System.Text;
using ParkingBot.Framework.Schema;
using ParkingBot.Framework.Storage;
using ParkingBot.Framework.Tests.Infrastructure;
using ParkingBot.Testing;

namespace ParkingBot.Framework.Tests.Builder;

/// <summary>/api/messages played the way the Bot Framework Emulator calls it, over real loopback HTTP.</summary>
public sealed class CloudAdapterTests : IAsyncLifetime
{
    private EmulatorChannel _channel = null!;
    private LoopbackServer _bot = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _channel = await EmulatorChannel.StartAsync();
        _bot = await BotTestHost.StartAsync(new MemoryStorage());
        _client = _bot.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _bot.DisposeAsync();
        await _channel.DisposeAsync();
    }

    [Fact]
    public async Task A_reply_is_posted_to_the_service_url_at_the_reply_path_with_the_ids_escaped()
    {
        var message = Activities.Message("hello", _channel.ServiceUrl);

        var response = await _client.PostActivityAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(await _channel.WaitForAsync(1));
        Assert.Equal($"/v3/conversations/{Uri.EscapeDataString(message.Conversation!.Id!)}/activities/{Uri.EscapeDataString(message.Id!)}", reply.Path);
        Assert.Contains("%7C", reply.Path);
        Assert.Equal("count:1", reply.Activity.Text);
        Assert.Equal(message.Id, reply.Activity.ReplyToId);
        Assert.Equal(("bot-1", RoleTypes.Bot), (reply.Activity.From!.Id, reply.Activity.From.Role));
        Assert.Equal("user-1", reply.Activity.Recipient!.Id);
        Assert.Equal(message.Conversation.Id, reply.Activity.Conversation!.Id);
        Assert.Equal(Channels.Emulator, reply.Activity.ChannelId);
        Assert.Empty(reply.Authorization);
    }

    [Fact]
    public async Task Conversation_state_carries_over_between_turns()
    {
        await _client.PostActivityAsync(Activities.Message("one", _channel.ServiceUrl));
        await _client.PostActivityAsync(Activities.Message("two", _channel.ServiceUrl));

        var replies = await _channel.WaitForAsync(2);

        Assert.Equal(["count:1", "count:2"], replies.Select(r => r.Activity.Text));
    }

    [Fact]
    public async Task The_welcome_goes_to_the_user_who_joined_not_to_the_bot()
    {
        var update = Activities.Message("", _channel.ServiceUrl);
        update.Type = ActivityTypes.ConversationUpdate;
        update.Text = null;
        update.MembersAdded = [new ChannelAccount("bot-1"), new ChannelAccount("user-1")];

        await _client.PostActivityAsync(update);

        Assert.Equal("welcome user-1", Assert.Single(await _channel.WaitForAsync(1)).Activity.Text);
    }

    [Fact]
    public async Task Expect_replies_returns_the_replies_in_the_response_and_posts_nothing()
    {
        var message = Activities.Message("hello", "http://127.0.0.1:9/never-called");
        message.DeliveryMode = DeliveryModes.ExpectReplies;

        var response = await _client.PostActivityAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = await response.Content.ReadFromJsonAsync<ExpectedReplies>(BotJson.Options);
        Assert.Equal("count:1", Assert.Single(replies!.Activities).Text);
        Assert.Empty(_channel.Received);
    }

    [Fact]
    public async Task Expect_replies_needs_no_service_url()
    {
        var message = Activities.Message("hello", "");
        message.ServiceUrl = null;
        message.DeliveryMode = DeliveryModes.ExpectReplies;

        var response = await _client.PostActivityAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Trace_activities_reach_the_emulator()
    {
        await _client.PostActivityAsync(Activities.Message("trace", _channel.ServiceUrl));

        var sent = await _channel.WaitForAsync(1);

        Assert.Equal(ActivityTypes.Message, Assert.Single(sent).Activity.Type);
        Assert.Equal(ActivityTypes.Trace, Assert.Single(_channel.Traces).Type);
    }

    [Fact]
    public async Task Trace_activities_never_reach_other_channels()
    {
        var message = Activities.Message("trace", _channel.ServiceUrl);
        message.ChannelId = "webchat";
        message.DeliveryMode = DeliveryModes.ExpectReplies;

        var replies = await (await _client.PostActivityAsync(message)).Content.ReadFromJsonAsync<ExpectedReplies>(BotJson.Options);

        Assert.Equal([ActivityTypes.Message], replies!.Activities.Select(a => a.Type));
    }

    [Theory]
    [InlineData("{\"type\": \"message\", ", "BadSyntax")]
    [InlineData("[1, 2]", "BadSyntax")]
    [InlineData("{\"text\": \"no type\"}", "MissingProperty")]
    [InlineData("{\"type\": \"message\", \"channelId\": \"emulator\", \"serviceUrl\": \"http://127.0.0.1:9\"}", "MissingProperty")]
    [InlineData("{\"type\": \"message\", \"conversation\": {\"id\": \"c\"}, \"serviceUrl\": \"http://127.0.0.1:9\"}", "MissingProperty")]
    [InlineData("{\"type\": \"message\", \"channelId\": \"emulator\", \"conversation\": {\"id\": \"c\"}}", "MissingProperty")]
    [InlineData("{\"type\": \"message\", \"channelId\": \"emulator\", \"conversation\": {\"id\": \"c\"}, \"serviceUrl\": \"not a url\"}", "MissingProperty")]
    public async Task Bad_input_gets_400_with_a_reason(string body, string code)
    {
        var response = await _client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<ErrorResponse>(BotJson.Options);
        Assert.Equal(code, error!.Error.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.Error.Message));
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_whether_or_not_it_declares_its_length()
    {
        var message = Activities.Message(new string('가', 100_000), _channel.ServiceUrl);
        var declared = await _client.PostActivityAsync(message);
        var chunked = await _client.PostAsync("/api/messages", new ChunkedJson(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(message, BotJson.Options)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Empty(_channel.Received);
    }

    [Fact]
    public async Task An_unknown_activity_type_is_acknowledged_and_ignored()
    {
        var ping = Activities.Message("", _channel.ServiceUrl);
        ping.Type = "ping";
        var response = await _client.PostActivityAsync(ping);
        await _client.PostActivityAsync(Activities.Message("after", _channel.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("count:1", Assert.Single(await _channel.WaitForAsync(1)).Activity.Text);
    }

    [Fact]
    public async Task Methods_other_than_post_get_405()
    {
        var response = await _client.GetAsync("/api/messages");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task An_exception_in_a_turn_apologizes_clears_the_conversation_and_keeps_serving()
    {
        await _client.PostActivityAsync(Activities.Message("one", _channel.ServiceUrl));
        var failed = await _client.PostActivityAsync(Activities.Message("boom", _channel.ServiceUrl));
        await _client.PostActivityAsync(Activities.Message("again", _channel.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        Assert.Equal(["count:1", CountingBot.Apology, "count:1"], (await _channel.WaitForAsync(3)).Select(r => r.Activity.Text));
    }

    [Fact]
    public async Task A_channel_that_rejects_the_reply_gets_502_from_the_bot()
    {
        _channel.ResponseStatus = 500;

        var response = await _client.PostActivityAsync(Activities.Message("hello", _channel.ServiceUrl));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    /// <summary>Content with no Content-Length, so the server must count the bytes itself.</summary>
    private sealed class ChunkedJson(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
