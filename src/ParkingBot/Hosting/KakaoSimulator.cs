using System.Security.Claims;
using ParkingBot.Agents;
using ParkingBot.Framework.Kakao;

namespace ParkingBot.Hosting;

/// <summary>
/// The designers' KakaoTalk simulator at /kakao: it sends SkillPayloads through the same skill code as KakaoTalk and draws
/// the responses as KakaoTalk shows them, so every flow can be tried without a Kakao account. Only in Development (or with
/// Kakao:Simulator=true) and only for signed-in agents; its conversations are its own (user ids start with "simulator-").
/// </summary>
public static class KakaoSimulator
{
    public static bool IsOn(IHostEnvironment environment, IConfiguration configuration) =>
        environment.IsDevelopment() || configuration.GetValue("Kakao:Simulator", false);

    public static WebApplication MapKakaoSimulator(this WebApplication app)
    {
        if (!IsOn(app.Environment, app.Configuration))
        {
            return app;
        }
        app.MapGet("/kakao", () => Results.File(Page("index.html"), "text/html; charset=utf-8")).RequireAuthorization(AgentConsoleExtensions.Policy);
        app.MapGet("/kakao/{asset:regex(^[a-z]+\\.(js|css)$)}", (string asset) =>
            Results.File(Page(asset), asset.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8"));
        app.MapPost("/api/kakao/simulator", SimulateAsync).RequireAuthorization(AgentConsoleExtensions.Policy);
        return app;
    }

    private static async Task<IResult> SimulateAsync(HttpContext context, ClaimsPrincipal agent, KakaoSkillService skill, Microsoft.Extensions.Options.IOptions<KakaoOptions> options)
    {
        var (payload, refused) = await KakaoSkillService.ReadPayloadAsync(context, options.Value.MaxPayloadBytes);
        if (refused is not null)
        {
            return refused;
        }
        // Never a real KakaoTalk customer's conversation, and no callback: the simulator shows kept replies with the next message.
        var user = payload!.UserRequest!.User! with { Id = $"simulator-{agent.FindFirstValue(AgentConsoleExtensions.AgentIdClaim)}-{payload.UserRequest.User!.Id}" };
        return await skill.AnswerAsync(payload with { UserRequest = payload.UserRequest with { User = user, CallbackUrl = null } },
            KakaoSkillService.BaseUrl(context));
    }

    private static string Page(string name) => Path.Combine(AppContext.BaseDirectory, "wwwroot", "kakao", name);
}
