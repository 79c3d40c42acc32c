using System.Net;
using System.Net.Http.Json;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Schema;
using ParkingBot.Framework.Storage;
using ParkingBot.Framework.Tests.Infrastructure;
using ParkingBot.Testing;

namespace ParkingBot.Framework.Tests.Builder;

/// <summary>/api/messages without MicrosoftAppId: taken only where it is safe, and never a way to make the bot POST elsewhere.</summary>
public sealed class AnonymousModeTests
{
    [Fact]
    public async Task In_anonymous_mode_an_activity_whose_service_url_is_not_loopback_is_refused_and_nothing_runs()
    {
        await using var channel = await EmulatorChannel.StartAsync();
        await using var bot = await BotTestHost.StartAsync(new MemoryStorage());
        using var client = bot.CreateClient();
        var external = Activities.Message("one", "https://attacker.example/hook/");
        external.Conversation = new ConversationAccount("victim|livechat");

        using var refused = await client.PostActivityAsync(external);
        var allowed = Activities.Message("two", channel.ServiceUrl, conversationId: "victim|livechat");
        using var answered = await client.PostActivityAsync(allowed);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("ServiceUrlNotAllowed", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        // The refused activity never ran: the conversation's first counted message is the allowed one.
        Assert.Equal("count:1", Assert.Single(await channel.WaitForAsync(1)).Activity.Text);
    }

    [Fact]
    public async Task An_activity_of_a_channel_ParkingBot_hosts_is_refused_on_api_messages()
    {
        await using var channel = await EmulatorChannel.StartAsync();
        await using var bot = await BotTestHost.StartAsync(new MemoryStorage());
        using var client = bot.CreateClient();
        var forged = Activities.Message("상담원 연결", channel.ServiceUrl);
        forged.ChannelId = Channels.DirectLine;

        using var response = await client.PostActivityAsync(forged);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("ChannelNotAccepted", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_credentials_outside_Development_api_messages_answers_401()
    {
        await using var channel = await EmulatorChannel.StartAsync();
        await using var bot = await BotTestHost.StartAsync(new MemoryStorage(), new() { ["Bot:AllowAnonymous"] = null });

        using var response = await bot.CreateClient().PostActivityAsync(Activities.Message("hello", channel.ServiceUrl));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bot:AllowAnonymous", (await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!.ToJsonString());
    }

    [Theory]
    [InlineData("http://localhost:3978/", true)]
    [InlineData("http://127.0.0.1:9/api/", true)]
    [InlineData("http://[::1]:9/", true)]
    [InlineData("https://smba.trafficmanager.net/kr/", true)]
    [InlineData("https://smba.trafficmanager.net/kr/v3/", true)]
    [InlineData("https://smba.trafficmanager.net/us/", false)]
    [InlineData("https://smba.trafficmanager.net.evil.example/kr/", false)]
    [InlineData("http://smba.trafficmanager.net/kr/", false)]
    [InlineData("https://smba.trafficmanager.net:8443/kr/", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("http://10.0.0.5/", false)]
    public void Only_loopback_and_the_allowed_prefixes_are_answered(string serviceUrl, bool allowed) =>
        Assert.Equal(allowed, AnonymousCallerPolicy.IsAllowed(serviceUrl, ["https://smba.trafficmanager.net/kr/"]));

    [Theory]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [InlineData("file:///etc/passwd")]
    public async Task An_attachment_whose_link_is_not_a_web_address_is_refused_before_the_turn_runs(string contentUrl)
    {
        await using var channel = await EmulatorChannel.StartAsync();
        await using var bot = await BotTestHost.StartAsync(new MemoryStorage());
        var message = Activities.Message("영수증입니다", channel.ServiceUrl);
        message.Attachments = [new Attachment { Name = "receipt.png", ContentType = "image/png", ContentUrl = contentUrl }];

        using var response = await bot.CreateClient().PostActivityAsync(message);
        using var next = await bot.CreateClient().PostActivityAsync(Activities.Message("다음", channel.ServiceUrl));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not an http or https URL", await response.Content.ReadAsStringAsync());
        Assert.Equal("count:1", Assert.Single(await channel.WaitForAsync(1)).Activity.Text);
    }
}
