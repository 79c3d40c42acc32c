using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ParkingBot.Dialogs.Flows.DoublePayment;
using ParkingBot.Dialogs.Flows.SeasonPassNotApplied;
using ParkingBot.Dialogs.Flows.Shared;
using ParkingBot.Dialogs.Flows.TicketNotApplied;
using ParkingBot.Dialogs.Flows.TicketPaymentTiming;
using ParkingBot.Dialogs.Flows.UnusedCharge;
using ParkingBot.Dialogs.Flows.Valet;
using ParkingBot.Dialogs.Handoff;
using ParkingBot.Handoff.Relay;
using ParkingBot.Dialogs.Main;
using ParkingBot.Dialogs.Responses;
using ParkingBot.Dialogs.Understanding;
using ParkingBot.Framework.Builder;
using ParkingBot.Language.Recognizers;

namespace ParkingBot.Dialogs;

public static class DialogsServiceCollectionExtensions
{
    /// <summary>
    /// The bot, its dialogs and the response scripts (ResponseScripts:Path, default next to the app).
    /// Parking:DefaultPaymentTiming (AtExit, AtReservation, AtEntry) is said for lots the parking store does not know.
    /// </summary>
    public static IServiceCollection AddParkingBotDialogs(this IServiceCollection services, IConfiguration configuration)
    {
        var scriptsPath = configuration["ResponseScripts:Path"] is { Length: > 0 } path
            ? path
            : Path.Combine(AppContext.BaseDirectory, ResponseScripts.DefaultFileName);
        services.AddSingleton(ResponseScripts.Load(scriptsPath));
        services.AddSingleton<KoreanEntityRecognizer>();
        services.AddIntentRecognizer(configuration);
        services.AddSingleton(UnderstandingSettings.From(configuration));
        services.AddSingleton<TurnUnderstanding>();
        services.AddSingleton<TopicRouter>();
        services.AddSingleton(sp => new DesignerTrace(configuration.GetValue("Bot:DesignerMode", false), sp.GetRequiredService<TurnUnderstanding>()));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new DefaultPaymentTiming(configuration.GetValue("Parking:DefaultPaymentTiming", Parking.Model.PaymentTiming.AtExit)));
        services.AddSingleton<FlowSupport>();
        services.AddSingleton<IdentityCheckDialog>();
        services.AddSingleton<FindUsageDialog>();
        services.AddSingleton<UnusedChargeDialog>();
        services.AddSingleton<ValetUnusedChargeDialog>();
        services.AddSingleton<DoublePaymentDialog>();
        services.AddSingleton<TicketNotAppliedDialog>();
        services.AddSingleton<SeasonPassNotAppliedDialog>();
        services.AddSingleton<ValetExitNotProcessedDialog>();
        services.AddSingleton<TicketPaymentTimingDialog>();
        services.AddSingleton<MainDialog>();
        services.AddSingleton<DialogBot>();
        services.AddSingleton<IBot>(sp => sp.GetRequiredService<DialogBot>());
        services.AddSingleton(sp => new Lazy<DialogBot>(sp.GetRequiredService<DialogBot>));
        services.AddSingleton<IHandoffCustomerMessages, HandoffCustomerMessages>();
        return services;
    }
}
