using ParkingBot.Framework.Kakao;
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
using ParkingBot.Dialogs.FollowUps;
using ParkingBot.Dialogs.Handoff;
using ParkingBot.Handoff.Relay;
using ParkingBot.Dialogs.Main;
using ParkingBot.Dialogs.Outcomes;
using ParkingBot.Dialogs.Responses;
using ParkingBot.Dialogs.Understanding;
using ParkingBot.Framework.Builder;
using ParkingBot.Language.Recognizers;

namespace ParkingBot.Dialogs;

public static class DialogsServiceCollectionExtensions
{
    /// <summary>
    /// The bot, its dialogs, the response scripts (ResponseScripts:Path, default next to the app) and the customer
    /// phrases beside them (ResponseScripts:PhrasesPath).
    /// </summary>
    public static IServiceCollection AddParkingBotDialogs(this IServiceCollection services, IConfiguration configuration)
    {
        var scriptsPath = configuration["ResponseScripts:Path"] is { Length: > 0 } path
            ? path
            : Path.Combine(AppContext.BaseDirectory, ResponseScripts.DefaultFileName);
        services.AddSingleton(ResponseScripts.Load(scriptsPath));
        services.AddSingleton(sp => KakaoTextsOf(sp.GetRequiredService<ResponseScripts>()));
        services.AddSingleton(new AgentTexts(ResponseScripts.Load(configuration["ResponseScripts:AgentTextsPath"] is { Length: > 0 } agentTexts
            ? agentTexts
            : Path.Combine(AppContext.BaseDirectory, AgentTexts.DefaultFileName))));
        services.AddSingleton(ConsoleTexts.Load(configuration["ResponseScripts:ConsolePath"] is { Length: > 0 } console
            ? console
            : Path.Combine(AppContext.BaseDirectory, ConsoleTexts.DefaultFileName)));
        services.AddSingleton(CustomerPhrases.Load(configuration["ResponseScripts:PhrasesPath"] is { Length: > 0 } phrases
            ? phrases
            : Path.Combine(AppContext.BaseDirectory, CustomerPhrases.DefaultFileName)));
        services.AddSingleton<KoreanEntityRecognizer>();
        services.AddIntentRecognizer(configuration);
        services.AddSingleton(UnderstandingSettings.From(configuration));
        services.AddSingleton<TurnUnderstanding>();
        services.AddSingleton<AnswerJudge>();
        services.AddSingleton<LotDirectory>();
        services.AddSingleton<SlotReader>();
        services.AddSingleton<Understanding.Acts.TurnReader>();
        services.AddSingleton<SlotMemory>();
        services.AddSingleton<FollowUpAnswers>();
        services.AddSingleton<TopicRouter>();
        services.AddSingleton(sp => new DesignerTrace(configuration.GetValue("Bot:DesignerMode", false), sp.GetRequiredService<TurnUnderstanding>(), sp.GetRequiredService<SlotMemory>()));
        services.TryAddSingleton(TimeProvider.System);
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
        services.AddSingleton<ConversationOutcomes>();
        services.AddSingleton<AnalyticsLabels>();
        services.AddSingleton<MainDialog>();
        services.AddSingleton<DialogBot>();
        services.AddSingleton<IBot>(sp => sp.GetRequiredService<DialogBot>());
        services.AddSingleton(sp => new Lazy<DialogBot>(sp.GetRequiredService<DialogBot>));
        services.AddSingleton<IHandoffCustomerMessages, HandoffCustomerMessages>();
        return services;
    }

    /// <summary>What the KakaoTalk channel itself says, from the response scripts (kakao.*).</summary>
    public static KakaoTexts KakaoTextsOf(ResponseScripts scripts) => new(
        scripts.Text(ResponseKeys.KakaoWaiting),
        scripts.Text(ResponseKeys.KakaoStillWorking),
        scripts.Text(ResponseKeys.KakaoMore),
        scripts.Text(ResponseKeys.KakaoNothingMore),
        scripts.Text(ResponseKeys.KakaoOpenLink),
        scripts.Text(ResponseKeys.KakaoCall),
        scripts.Text(ResponseKeys.KakaoOperatorGuide),
        scripts.Text(ResponseKeys.KakaoOperator));
}
