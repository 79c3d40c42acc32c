using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ParkingBot.Data;
using ParkingBot.Framework.Builder;

namespace ParkingBot.Framework.Kakao;

public static class KakaoEndpoints
{
    /// <summary>
    /// The KakaoTalk channel (section Kakao), when Kakao:SkillKey is set or the designers' simulator is on: its outbox in
    /// kakao.db or the shared PostgreSQL database, the callback sender. The host registers the channel's
    /// <see cref="KakaoTexts"/> (from the response scripts). Without a key the skill endpoint still refuses every request.
    /// </summary>
    public static IServiceCollection AddKakao(this IServiceCollection services, IConfiguration configuration, bool simulator = false)
    {
        services.AddOptions<KakaoOptions>().Bind(configuration.GetSection("Kakao"));
        if (string.IsNullOrEmpty(configuration["Kakao:SkillKey"]) && !simulator)
        {
            return services;
        }
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new KakaoOutbox(sp.GetRequiredService<StoreDatabases>().For("kakao.db")));
        services.AddSingleton<Retention.IExpiringStore>(sp => sp.GetRequiredService<KakaoOutbox>());
        services.AddSingleton<KakaoRenderer>();
        services.AddHttpClient(KakaoCallbacks.HttpClientName);
        services.AddSingleton<KakaoCallbacks>();
        services.AddHttpClient(KakaoImages.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(3));
        services.AddSingleton<KakaoImages>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<KakaoCallbacks>());
        services.AddSingleton<IChannelDelivery, KakaoChannel>();
        services.AddSingleton<KakaoSkillService>();
        return services;
    }

    /// <summary>
    /// POST /api/kakao/skill/{key}, and /api/kakao/skill with the key in the X-ParkingBot-Skill-Key header; 403 for every
    /// request while the channel is not configured.
    /// </summary>
    public static IEndpointRouteBuilder MapKakao(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<KakaoSkillService>() is null)
        {
            var off = KakaoSkillService.Error(403, "The KakaoTalk channel is off: Kakao:SkillKey is not set.");
            endpoints.MapPost("/api/kakao/skill/{key}", () => off);
            endpoints.MapPost("/api/kakao/skill", () => off);
            return endpoints;
        }
        endpoints.MapPost("/api/kakao/skill/{key}", (HttpContext c, string key, KakaoSkillService s) => s.HandleAsync(c, key));
        endpoints.MapPost("/api/kakao/skill", (HttpContext c, KakaoSkillService s) => s.HandleAsync(c, null));
        return endpoints;
    }
}
