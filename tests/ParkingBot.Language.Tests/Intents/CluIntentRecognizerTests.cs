using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using ParkingBot.Language.Intents;
using ParkingBot.Testing;

namespace ParkingBot.Language.Tests.Intents;

/// <summary>
/// The CLU recognizer against a local HTTP server that plays Azure Language's analyze-conversations endpoint
/// (api-version 2023-04-01: the documented request, and answers in the documented response shape).
/// </summary>
public class CluIntentRecognizerTests
{
    private const string Key = "test-key-not-a-secret";

    private static JsonObject Answer(string topIntent, params (string Intent, double Score)[] scores) => new()
    {
        ["kind"] = "ConversationResult",
        ["result"] = new JsonObject
        {
            ["query"] = "…",
            ["prediction"] = new JsonObject
            {
                ["topIntent"] = topIntent,
                ["projectKind"] = "Conversation",
                ["intents"] = new JsonArray(scores.Select(s => (JsonNode)new JsonObject { ["category"] = s.Intent, ["confidenceScore"] = s.Score }).ToArray()),
                ["entities"] = new JsonArray(new JsonObject
                {
                    ["category"] = "LotName", ["text"] = "강남역 공영주차장", ["offset"] = 0, ["length"] = 9, ["confidenceScore"] = 1,
                }),
            },
        },
    };

    /// <summary>The local stand-in for the Language endpoint; it records every request it gets.</summary>
    private sealed class FakeClu : IAsyncDisposable
    {
        private LoopbackServer? _server;

        public List<(string PathAndQuery, string Key, JsonObject? Body)> Requests { get; } = [];

        public Uri BaseAddress => _server!.BaseAddress;

        public static async Task<FakeClu> StartAsync(Func<HttpContext, Task> answer)
        {
            var fake = new FakeClu();
            fake._server = await LoopbackServer.StartAsync(_ => { }, app => app.Run(async context =>
            {
                var body = await System.Text.Json.JsonSerializer.DeserializeAsync<JsonObject>(context.Request.Body);
                lock (fake.Requests)
                {
                    fake.Requests.Add((context.Request.Path + context.Request.QueryString, context.Request.Headers["Ocp-Apim-Subscription-Key"].ToString(), body));
                }
                await answer(context);
            }));
            return fake;
        }

        public ValueTask DisposeAsync() => _server!.DisposeAsync();
    }

    private static CluSettings Settings(Uri endpoint, int timeoutMilliseconds = 1500) => new()
    {
        Endpoint = endpoint.ToString(), ProjectName = "ParkingBot", DeploymentName = "production", Key = Key, TimeoutMilliseconds = timeoutMilliseconds,
    };

    [Fact]
    public async Task Sends_the_documented_request_and_reads_the_documented_answer()
    {
        await using var clu = await FakeClu.StartAsync(context => context.Response.WriteAsJsonAsync(
            Answer("TicketPaymentTiming", ("TicketPaymentTiming", 0.93), ("TicketNotApplied", 0.05), ("None", 0.02))));
        var recognizer = new CluIntentRecognizer(new HttpClient(), Settings(clu.BaseAddress), threshold: 0.5);

        var result = await recognizer.RecognizeAsync("강남역 공영주차장 주차권은 언제 결제돼요?");

        var (path, key, body) = Assert.Single(clu.Requests);
        Assert.Equal("/language/:analyze-conversations?api-version=2023-04-01", path);
        Assert.Equal(Key, key);
        Assert.Equal("Conversation", body!["kind"]!.GetValue<string>());
        Assert.Equal("강남역 공영주차장 주차권은 언제 결제돼요?", body["analysisInput"]!["conversationItem"]!["text"]!.GetValue<string>());
        Assert.Equal("ParkingBot", body["parameters"]!["projectName"]!.GetValue<string>());
        Assert.Equal("production", body["parameters"]!["deploymentName"]!.GetValue<string>());
        Assert.Equal(("TicketPaymentTiming", 0.93, CluIntentRecognizer.SourceName), (result.TopIntent, result.Score, result.Source));
        Assert.Equal(3, result.Intents.Count);
        Assert.Equal(new IntentEntity("LotName", "강남역 공영주차장"), Assert.Single(result.Entities));
    }

    [Fact]
    public async Task A_top_score_below_the_threshold_is_None()
    {
        await using var clu = await FakeClu.StartAsync(context => context.Response.WriteAsJsonAsync(Answer("Help", ("Help", 0.31), ("Greeting", 0.3))));
        var recognizer = new CluIntentRecognizer(new HttpClient(), Settings(clu.BaseAddress), threshold: 0.5);

        var result = await recognizer.RecognizeAsync("음");

        Assert.Equal((IntentNames.None, 0.31), (result.TopIntent, result.Score));
    }

    [Theory]
    [InlineData(401)]
    [InlineData(500)]
    public async Task An_error_status_falls_back_to_the_embedded_recognizer(int status)
    {
        await using var clu = await FakeClu.StartAsync(context =>
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        });
        var recognizer = Fallback(Settings(clu.BaseAddress));

        var result = await recognizer.RecognizeAsync("상담원 연결해 주세요");

        Assert.Single(clu.Requests);
        Assert.Equal((EmbeddedIntentRecognizer.SourceName, IntentNames.AgentRequest), (result.Source, result.TopIntent));
    }

    [Fact]
    public async Task An_answer_in_another_shape_falls_back()
    {
        await using var clu = await FakeClu.StartAsync(context => context.Response.WriteAsync("""{"kind":"ConversationResult","result":{}}"""));

        var result = await Fallback(Settings(clu.BaseAddress)).RecognizeAsync("상담원 연결해 주세요");

        Assert.Equal(EmbeddedIntentRecognizer.SourceName, result.Source);
    }

    [Fact]
    public async Task A_slow_answer_falls_back_when_the_timeout_passes_not_when_CLU_finally_answers()
    {
        await using var clu = await FakeClu.StartAsync(async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(20), context.RequestAborted);
            await context.Response.WriteAsJsonAsync(Answer("Help", ("Help", 1)));
        });
        var recognizer = Fallback(Settings(clu.BaseAddress, timeoutMilliseconds: 200));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = await recognizer.RecognizeAsync("상담원 연결해 주세요");

        Assert.Equal(EmbeddedIntentRecognizer.SourceName, result.Source);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Missing_configuration_falls_back_without_calling_anyone()
    {
        var result = await Fallback(new CluSettings { Endpoint = "https://example.invalid" }).RecognizeAsync("상담원 연결해 주세요");

        Assert.Equal(EmbeddedIntentRecognizer.SourceName, result.Source);
    }

    private static FallbackIntentRecognizer Fallback(CluSettings settings) =>
        new(new CluIntentRecognizer(new HttpClient(), settings, 0.5), TrainedRecognizer.Instance,
            TimeSpan.FromMilliseconds(settings.TimeoutMilliseconds), NullLogger.Instance);
}
