using ParkingBot.Framework.Kakao;
using ParkingBot.Agents;
using ParkingBot.Dialogs;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.DirectLine;
using ParkingBot.Handoff;
using ParkingBot.Handoff.Relay;
using ParkingBot.Framework.Integration;
using ParkingBot.Logging;

namespace ParkingBot.Hosting;

public static class ParkingBotHostingExtensions
{
    /// <summary>Everything the bot needs: masked JSON logs, the Bot Framework runtime, SQLite state, the parking domain, handoff, the agent console, the embedded Direct Line, the dialogs, metrics and traces.</summary>
    public static WebApplicationBuilder AddParkingBot(this WebApplicationBuilder builder)
    {
        // JSON lines for log shipping; readable lines in Korea's time for a developer (Logging:Readable overrides).
        builder.Logging.AddMaskedJsonConsole(readable: builder.Configuration.GetValue("Logging:Readable", builder.Environment.IsDevelopment()));
        builder.Services.AddSingleton(ShiftedClock.From(builder.Configuration));
        builder.Services.AddBotFramework(builder.Configuration);
        builder.Services.AddStorage(builder.Configuration);
        builder.Services.AddParkingDomain(builder.Configuration);
        builder.Services.AddHandoff(builder.Configuration);
        builder.Services.AddSingleton<ITextMasker, MaskingTextMasker>();
        builder.Services.AddAgentConsole(builder.Configuration);
        builder.Services.AddDirectLine(builder.Configuration);
        builder.Services.AddKakao(builder.Configuration, simulator: KakaoSimulator.IsOn(builder.Environment, builder.Configuration));
        builder.Services.AddSingleton<IStaffFileAccess, AgentFileAccess>();
        builder.Services.AddSingleton<PageFiles>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddParkingBotDialogs(builder.Configuration);
        builder.Services.AddSingleton<IBotErrorHandler, TurnErrorHandler>();
        builder.Services.AddParkingBotTelemetry(builder.Configuration);
        return builder;
    }
}
