using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using ParkingBot.Testing;

namespace ParkingBot.Cluster.Tests;

/// <summary>Customers and an agent on three instances of one database, as a load balancer without stickiness spreads them.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterTests(LocalCluster cluster)
{
    [Fact]
    public async Task A_conversation_whose_posts_land_on_every_instance_gets_every_reply_in_order_once()
    {
        using var http = cluster.ProxyClient();
        var customer = await DirectLineClient.FromPageTokenAsync(http);
        var streamUrl = (await customer.StartAsync())["streamUrl"]!.GetValue<string>();
        using var stream = await OpenStreamAsync(cluster.ProxyAddress, streamUrl);

        foreach (var text in new[] { "주차권 결제 시점", "강남역 공영주차장", "아니요 괜찮아요", "건너뛰기" })
        {
            await customer.SayAsync(text);
        }
        var (logged, _) = await customer.ActivitiesAsync();
        var streamed = await ReceiveAsync(stream, until: activities => activities.Count >= logged.Count);

        var posts = cluster.Served.Where(s => s.Request == $"POST /v3/directline/conversations/{customer.ConversationId}/activities").Select(s => s.Instance).ToList();
        Assert.True(posts.Distinct().Count() >= 2, $"all posts went to {string.Join(",", posts)}");
        Assert.Equal(Ids(logged), Ids(streamed));
        Assert.Equal(Ids(logged).Distinct(), Ids(logged));
        Assert.Equal(["welcome", "user", "paymentTiming.askLot", "user"], Kinds(logged).Take(4));
        Assert.Equal(4, Kinds(logged).Count(kind => kind == "user"));
        Assert.Contains("paymentTiming.atExit", Kinds(logged));
        Assert.Equal("closing.goodbye", Kinds(logged).Last());
    }

    [Fact]
    public async Task An_agent_on_one_instance_sees_a_case_opened_on_another_live_and_the_customer_gets_the_agent_s_message_on_a_third()
    {
        using var agent = await SignedInAgentAsync();
        using var events = await agent.GetAsync("/api/agent/events", HttpCompletionOption.ResponseHeadersRead);
        var eventsInstance = LocalCluster.IndexOf(cluster.Served.Last(s => s.Request == "GET /api/agent/events").Instance);
        var (customerPosts, customerStream) = ((eventsInstance + 1) % 3, (eventsInstance + 2) % 3);
        using var customerHttp = cluster.Instances[customerPosts].CreateClient();
        var customer = await DirectLineClient.FromPageTokenAsync(customerHttp);
        var streamUrl = (await customer.StartAsync())["streamUrl"]!.GetValue<string>();
        using var stream = await OpenStreamAsync(cluster.Instances[customerStream].BaseAddress, streamUrl);
        var lines = new StreamReader(await events.Content.ReadAsStreamAsync());

        await customer.SayAsync("상담원 연결");
        var opened = await ReadUntilAsync(lines, line => line.Contains("\"opened\"", StringComparison.Ordinal), cluster.Instances[eventsInstance]);
        var caseId = JsonNode.Parse(opened["data:".Length..])!["caseId"]!.GetValue<string>();
        (await agent.PostAsync($"/api/agent/cases/{caseId}/claim", null)).EnsureSuccessStatusCode();
        (await agent.PostAsJsonAsync($"/api/agent/cases/{caseId}/messages", new { text = "확인해 드릴게요." })).EnsureSuccessStatusCode();
        var streamed = await ReceiveAsync(stream, until: activities => activities.Any(a => a["text"]?.GetValue<string>() == "확인해 드릴게요."));

        var handoffCase = (await agent.GetFromJsonAsync<JsonObject>($"/api/agent/cases/{caseId}"))!;
        Assert.Equal(customer.ConversationId, handoffCase["conversationId"]!.GetValue<string>());
        Assert.Single(streamed, a => a["text"]?.GetValue<string>() == "확인해 드릴게요.");
    }

    [Fact]
    public async Task Forty_simultaneous_requests_for_an_agent_in_one_conversation_over_the_instances_open_exactly_one_case()
    {
        using var http = cluster.ProxyClient();
        var customer = await DirectLineClient.FromPageTokenAsync(http);
        await customer.StartAsync();

        var posts = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => customer.PostAsync(new JsonObject
        {
            ["type"] = "message",
            ["text"] = "상담원 연결",
            ["from"] = new JsonObject { ["id"] = customer.UserId },
            ["channelData"] = new JsonObject { ["clientActivityID"] = $"connect-{i}" },
        })));

        Assert.All(posts, post => Assert.Equal(HttpStatusCode.OK, post.StatusCode));
        Assert.True(cluster.Served.Where(s => s.Request.EndsWith($"{customer.ConversationId}/activities", StringComparison.Ordinal)).Select(s => s.Instance).Distinct().Count() >= 2);
        using var agent = await SignedInAgentAsync();
        Assert.Single(await CasesOfAsync(agent, customer.ConversationId));
    }

    [Fact]
    public async Task When_an_instance_is_killed_mid_conversation_another_answers_from_the_same_step_and_the_stream_reconnects()
    {
        using var http = cluster.ProxyClient();
        var customer = await DirectLineClient.FromPageTokenAsync(http);
        await customer.StartAsync();
        await customer.SayAsync("주차권 결제 시점");
        var (before, watermark) = await customer.ActivitiesAsync();
        var victim = 1;
        using var victimHttp = cluster.Instances[victim].CreateClient();
        var reconnect = (await (await victimHttp.SendAsync(customer.Request(HttpMethod.Get, $"/v3/directline/conversations/{customer.ConversationId}?watermark={watermark}")))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>())!;
        using var stream = await OpenStreamAsync(cluster.Instances[victim].BaseAddress, reconnect["streamUrl"]!.GetValue<string>());

        await cluster.KillAsync(victim);
        var dropped = await StreamEndsAsync(stream);
        try
        {
            await SayWithRetriesAsync(customer, "강남역 공영주차장", "after-kill-1");
            var afterReconnect = (await (await UntilAnInstanceAnswersAsync(() =>
                http.SendAsync(customer.Request(HttpMethod.Get, $"/v3/directline/conversations/{customer.ConversationId}?watermark={watermark}"))))
                .Content.ReadFromJsonAsync<JsonObject>())!;
            using var again = await OpenStreamAsync(cluster.ProxyAddress, afterReconnect["streamUrl"]!.GetValue<string>());
            var caughtUp = await ReceiveAsync(again, until: activities => Kinds(activities).Any(k => k.StartsWith("paymentTiming.", StringComparison.Ordinal) && k != "paymentTiming.askLot"));
            var all = (await (await UntilAnInstanceAnswersAsync(() => http.SendAsync(customer.Request(HttpMethod.Get, $"/v3/directline/conversations/{customer.ConversationId}/activities"))))
                .Content.ReadFromJsonAsync<JsonObject>())!["activities"]!.AsArray();

            Assert.True(dropped, "the stream on the killed instance did not end");
            Assert.Equal("paymentTiming.askLot", Kinds(before).Last());
            Assert.Equal(["user"], Kinds(caughtUp).Take(1));
            Assert.Equal(Ids(all).Distinct(), Ids(all));
            Assert.Single(all, a => a!["text"]?.GetValue<string>() == "강남역 공영주차장");
            Assert.DoesNotContain("paymentTiming.askLot", Kinds(all).SkipWhile(k => k != "paymentTiming.askLot").Skip(1));
        }
        finally
        {
            await cluster.RestartAsync(victim);
        }
    }

    /// <summary>A customer's client after a lost instance: the same message again (same clientActivityID) until an instance takes it.</summary>
    private static Task SayWithRetriesAsync(DirectLineClient customer, string text, string clientActivityId) =>
        UntilAnInstanceAnswersAsync(() => customer.PostAsync(new JsonObject
        {
            ["type"] = "message",
            ["text"] = text,
            ["from"] = new JsonObject { ["id"] = customer.UserId },
            ["channelData"] = new JsonObject { ["clientActivityID"] = clientActivityId },
        }));

    /// <summary>What DirectLineJS does when the proxy answers 502 for a lost instance: try again shortly, until the proxy has dropped it.</summary>
    private static async Task<HttpResponseMessage> UntilAnInstanceAnswersAsync(Func<Task<HttpResponseMessage>> send)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await send();
            if (response.StatusCode != HttpStatusCode.BadGateway || attempt == 20)
            {
                return response.EnsureSuccessStatusCode();
            }
            await Task.Delay(500);
        }
    }

    private async Task<HttpClient> SignedInAgentAsync()
    {
        var agent = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = cluster.ProxyAddress, Timeout = Timeout.InfiniteTimeSpan };
        (await agent.PostAsJsonAsync("/api/agent/login", new { id = LocalCluster.AgentId, password = LocalCluster.AgentPassword })).EnsureSuccessStatusCode();
        return agent;
    }

    private static async Task<List<JsonObject>> CasesOfAsync(HttpClient agent, string conversationId)
    {
        var cases = new List<JsonObject>();
        foreach (var summary in (await agent.GetFromJsonAsync<JsonArray>("/api/agent/cases"))!)
        {
            var handoffCase = (await agent.GetFromJsonAsync<JsonObject>($"/api/agent/cases/{summary!["id"]!.GetValue<string>()}"))!;
            if (handoffCase["conversationId"]!.GetValue<string>() == conversationId)
            {
                cases.Add(handoffCase);
            }
        }
        return cases;
    }

    /// <summary>Connects the stream as DirectLineJS does: a 502 from the proxy (an instance just lost) is tried again shortly.</summary>
    private static async Task<ClientWebSocket> OpenStreamAsync(Uri server, string streamUrl)
    {
        var url = new UriBuilder(new Uri(streamUrl)) { Scheme = "ws", Host = server.Host, Port = server.Port }.Uri;
        for (var attempt = 1; ; attempt++)
        {
            var socket = new ClientWebSocket();
            try
            {
                await socket.ConnectAsync(url, CancellationToken.None);
                return socket;
            }
            catch (WebSocketException exception) when (attempt < 20 && exception.Message.Contains("502", StringComparison.Ordinal))
            {
                socket.Dispose();
                await Task.Delay(500);
            }
        }
    }

    private static async Task<List<JsonObject>> ReceiveAsync(ClientWebSocket socket, Func<List<JsonObject>, bool> until)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var activities = new List<JsonObject>();
        var buffer = new byte[1 << 16];
        while (!until(activities))
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, timeout.Token);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);
            if (message.Length > 0 && JsonNode.Parse(message.ToArray())?["activities"] is JsonArray frame)
            {
                activities.AddRange(frame.Select(a => a!.AsObject()).Where(a => a["type"]!.GetValue<string>() != "typing"));
            }
        }
        return activities;
    }

    private static async Task<bool> StreamEndsAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            while (true)
            {
                if ((await socket.ReceiveAsync(new byte[4096], timeout.Token)).MessageType == WebSocketMessageType.Close)
                {
                    return true;
                }
            }
        }
        catch (WebSocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <param name="server">The instance serving the stream: if the stream ends, what it read and the instance's log say why.</param>
    private static async Task<string> ReadUntilAsync(StreamReader lines, Func<string, bool> found, HostProcess server)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var read = new List<string>();
        while (await lines.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal) && found(line))
            {
                return line;
            }
            read.Add(line);
        }
        var log = server.Output;
        throw new InvalidOperationException($"The event stream from {server.BaseAddress} ended after these lines:\n{string.Join('\n', read)}\n"
            + $"The instance's log ends:\n{(log.Length <= 4000 ? log : log[^4000..])}");
    }

    private static IEnumerable<string> Ids(IEnumerable<JsonNode?> activities) => activities.Select(a => a!["id"]!.GetValue<string>());

    /// <summary>"user" for the customer's messages, else the reply's response key.</summary>
    private static IEnumerable<string> Kinds(IEnumerable<JsonNode?> activities) => activities
        .Where(a => a!["type"]!.GetValue<string>() == "message")
        .Select(a => a!["from"]!["role"]?.GetValue<string>() == "user" ? "user" : a!["channelData"]?["responseKey"]?.GetValue<string>() ?? "?");
}
