using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ParkingBot.Framework.Builder;

namespace ParkingBot.Framework.Integration;

public static class BotEndpointRouteBuilderExtensions
{
    /// <summary>POST {pattern}: the bot's messaging endpoint, as the Emulator and Azure Bot Service call it.</summary>
    public static RouteHandlerBuilder MapBotMessages(this IEndpointRouteBuilder endpoints, string pattern = "/api/messages") =>
        endpoints.MapPost(pattern, (HttpContext context, CloudAdapter adapter, IBot bot) =>
            adapter.ProcessAsync(context.Request, context.Response, bot, context.RequestAborted));
}
