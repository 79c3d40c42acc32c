using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ParkingBot.Data;
using ParkingBot.Dialogs.Responses;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.DirectLine;
using ParkingBot.Framework.Kakao;
using ParkingBot.Framework.Schema;
using ParkingBot.Testing;

namespace ParkingBot.Dialogs.Tests.Infrastructure;

/// <summary>
/// The real bot behind the KakaoTalk skill's own code (<see cref="KakaoSkillService"/>): each customer step becomes a
/// SkillPayload in Open Builder's shape (a sent file becomes the image plugin's secure URL on a Kakao CDN host, which a
/// fake CDN serves, since Kakao's cannot be reached from here), and the skill's JSON answer is handed to
/// <see cref="OnResponse"/> beside the replies it was rendered from, which the transcript player then checks by key.
/// </summary>
public sealed class KakaoSkillBot
{
    public const string CdnHost = "talk.kakaocdn.net";

    /// <summary>Each customer step's SkillResponse (as JSON) and the turn's replies.</summary>
    public Action<string, JsonObject, IReadOnlyList<Activity>>? OnResponse { get; set; }

    public static (DialogTestClient Client, IServiceProvider Services, KakaoSkillBot Skill) Create(IReadOnlyDictionary<string, string?>? settings, string userId,
        TimeProvider? clock = null)
    {
        var (client, services) = BotFactory.Create(settings, userId: userId, throughTurnRunner: true, channelId: Channels.Kakao, clock: clock);
        var skill = new KakaoSkillBot();
        var adapter = client.Adapter;
        var time = services.GetRequiredService<TimeProvider>();
        var recorder = new ReplyRecorder();
        var runner = BotFactory.Runner(services, [], recorder);
        var kakao = Options.Create(new KakaoOptions { TurnBudget = TimeSpan.FromSeconds(60), ImageHosts = ["kakaocdn.net"] });
        var texts = DialogsServiceCollectionExtensions.KakaoTextsOf(services.GetRequiredService<ResponseScripts>());
        var renderer = new KakaoRenderer(texts);
        var database = services.GetRequiredService<StoreDatabases>();
        var outbox = new KakaoOutbox(database.For("kakao.db"));
        var cdn = new FakeCdn();
        var images = new KakaoImages(cdn, new DirectLineFileStore(database.For("directline.db"), time), kakao, Options.Create(new DirectLineOptions()),
            NullLogger<KakaoImages>.Instance);
        var service = new KakaoSkillService(runner, services.GetRequiredService<IBot>(), renderer, outbox,
            new KakaoCallbacks(outbox, renderer, cdn, kakao, time, NullLogger<KakaoCallbacks>.Instance), images, texts, kakao, time, NullLogger<KakaoSkillService>.Instance);
        var joined = adapter.Runner!;
        adapter.Runner = async (activity, callback) =>
        {
            if (!activity.IsType(ActivityTypes.Message))
            {
                // KakaoTalk has no join: the channel opens with the customer's first message. The test's join runs as before.
                await joined(activity, callback);
                return;
            }
            recorder.Replies.Clear();
            var result = await service.AnswerAsync(Payload(activity), "https://bot.test");
            var response = await JsonOf(result);
            foreach (var reply in recorder.Replies)
            {
                adapter.Deliver(reply);
            }
            skill.OnResponse?.Invoke(activity.Text ?? "", response, [.. recorder.Replies]);
        };
        return (client, services, skill);
    }

    /// <summary>The step as Open Builder would send it to the fallback block's skill.</summary>
    private static SkillPayload Payload(Activity activity)
    {
        var parameters = new JsonObject();
        if (activity.Attachments is { Count: > 0 } files)
        {
            var urls = string.Join(", ", files.Select((f, i) => $"https://{CdnHost}/dn/{i}/{Uri.EscapeDataString(f.Name ?? "image")}"));
            parameters["secureimage"] = $$"""{"privacyAgreement":"Y","imageQuantity":"{{files.Count}}","secureUrls":"List({{urls}})"}""";
        }
        return new SkillPayload(
            new SkillUserRequest("Asia/Seoul", activity.Text ?? "", "ko", new SkillUser(activity.From!.Id, "botUserKey", null), null, new JsonObject()),
            new SkillBot("kakao-bot", "ParkingBot"),
            new SkillAction("skill", "parkingbot", parameters, new JsonObject(), activity.Value as JsonObject));
    }

    private static async Task<JsonObject> JsonOf(IResult result)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        return JsonNode.Parse(body.ToArray())!.AsObject();
    }

    /// <summary>The turn's replies as the bot sent them (the skill renders them; the player checks their keys).</summary>
    private sealed class ReplyRecorder : Framework.Builder.IMiddleware
    {
        public List<Activity> Replies { get; } = [];

        public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
        {
            turnContext.OnSendActivities(async (_, activities, send) =>
            {
                lock (Replies)
                {
                    Replies.AddRange(activities.Where(a => !a.IsType(ActivityTypes.Trace)));
                }
                return await send();
            });
            await next(cancellationToken);
        }
    }

    /// <summary>Kakao's image CDN, which this machine cannot reach: every secure URL serves a small JPEG.</summary>
    private sealed class FakeCdn : IHttpClientFactory
    {
        private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8, 0x00, 0xFF, 0xD9];

        public HttpClient CreateClient(string name) => new(new Handler());

        private sealed class Handler : HttpMessageHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                Task.FromResult(request.RequestUri!.Host == CdnHost
                    ? new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new ByteArrayContent(Jpeg) }
                    : new HttpResponseMessage(System.Net.HttpStatusCode.NotFound));
        }
    }
}
