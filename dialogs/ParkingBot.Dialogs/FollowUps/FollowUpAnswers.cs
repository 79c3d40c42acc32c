using ParkingBot.Handoff.Cases;
using ParkingBot.Handoff;
using ParkingBot.Dialogs.Flows.Shared;
using ParkingBot.Dialogs.Responses;
using ParkingBot.Dialogs.Understanding;
using ParkingBot.Framework.Builder;
using ParkingBot.Parking.Operations;
using ParkingBot.Parking.Policies;

namespace ParkingBot.Dialogs.FollowUps;

/// <summary>The follow-up questions the playbooks script (triggers in Responses/phrases.ko.yaml, followUps).</summary>
public static class FollowUpNames
{
    public const string RepeatWorry = "repeatWorry";
    public const string CancelParkingPass = "cancelParkingPass";
    public const string WhyLotHidden = "whyLotHidden";
    public const string CheckEnteredCar = "checkEnteredCar";
    public const string Compensation = "compensation";
    public const string ValetPassTerms = "valetPassTerms";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { RepeatWorry, CancelParkingPass, WhyLotHidden, CheckEnteredCar, Compensation, ValetPassTerms };
}

/// <summary>
/// Answers a follow-up question after (or inside) the flow it belongs to, in its playbook's words: 002 the self-cancel
/// link (not for 코엑스·남이섬·인천공항), cancelling the parking pass, why the lot's name is hidden; 001 the compensation
/// table (a Parking CS coupon from the second miss in a month, once a month, else care); 004 Q1 the valet-pass terms.
/// Checking which car entered (002) asks consent first and is started by the router, since it hands off.
/// </summary>
public sealed class FollowUpAnswers(CustomerPhrases phrases, FlowSupport flow, ParkingPolicySettings settings, SeasonPassCompensationPolicy compensation)
{
    /// <summary>The follow-up of <paramref name="topicId"/>'s playbook the message asks, or null.</summary>
    public string? Match(string? topicId, string? text) =>
        topicId is null || string.IsNullOrWhiteSpace(text)
            ? null
            : phrases.FollowUps.Where(f => f.Value.Flows.Contains(topicId) && f.Value.Matches(text)).Select(f => f.Key).FirstOrDefault();

    public async Task AnswerAsync(ITurnContext turnContext, string followUp, FlowSlots slots, CancellationToken cancellationToken)
    {
        var scripts = flow.Scripts;
        switch (followUp)
        {
            case FollowUpNames.RepeatWorry:
                var usage = slots.UsageId is { } usageId ? await flow.UsageAsync(turnContext, usageId, cancellationToken) : null;
                var linkAllowed = usage is not null && UnusedChargePolicy.Decide(usage, await flow.LotAsync(usage, cancellationToken)).OfferSelfCancelLink;
                await turnContext.SendActivityAsync(linkAllowed
                    ? scripts.Message(ResponseKeys.FollowUpRepeatWorry, ("link", settings.SelfCancelLink))
                    : scripts.Message(ResponseKeys.FollowUpRepeatWorryNoLink), cancellationToken);
                break;
            case FollowUpNames.CancelParkingPass:
                await turnContext.SendActivityAsync(scripts.Message(ResponseKeys.FollowUpCancelParkingPass, ("link", settings.ParkingPassSettingsLink)), cancellationToken);
                break;
            case FollowUpNames.WhyLotHidden:
                await turnContext.SendActivityAsync(scripts.Message(ResponseKeys.FollowUpWhyLotHidden), cancellationToken);
                break;
            case FollowUpNames.Compensation:
                await AnswerCompensationAsync(turnContext, slots, cancellationToken);
                break;
            case FollowUpNames.ValetPassTerms:
                await turnContext.SendActivityAsync(scripts.Message(ResponseKeys.FollowUpValetPassTerms), cancellationToken);
                break;
            default:
                throw new ArgumentException($"'{followUp}' is not a follow-up this answers.", nameof(followUp));
        }
    }

    /// <summary>001 "두 번째인데 보상 없나요?": 케어 > 미수긍 시 쿠폰제시, by the compensation table; the coupon is requested for the agent to issue.</summary>
    private async Task AnswerCompensationAsync(ITurnContext turnContext, FlowSlots slots, CancellationToken cancellationToken)
    {
        var customer = await flow.CustomerAsync(turnContext, cancellationToken);
        var pass = customer is null || slots.PassId is null ? null
            : (await flow.SeasonPassesAsync(turnContext, customer.Id, cancellationToken)).SingleOrDefault(p => p.Id == slots.PassId);
        var decision = pass is null ? null : compensation.Decide(pass.Registered ? SeasonPassIssue.EquipmentMisread : SeasonPassIssue.OperatorMissedRegistration, pass);
        if (pass is null || decision is not { CouponWon: > 0 })
        {
            await turnContext.SendActivityAsync(flow.Scripts.Message(ResponseKeys.FollowUpSeasonCare), cancellationToken);
            return;
        }
        if (!slots.CouponRequested)
        {
            var lot = (await flow.Operations.GetLotAsync(pass.LotId, cancellationToken))!;
            if (await flow.RunCommandAsync(turnContext, "season.coupon", AgentTextKeys.CommandInternalRequest,
                    key => flow.Operations.RecordInternalRequestAsync(new InternalRequest(flow.Agent.Text(AgentTextKeys.RequestSeasonCoupon),
                        flow.Agent.Text(AgentTextKeys.RequestSeasonCouponDetail, ("carNumber", pass.CarNumber), ("passId", pass.Id), ("amount", KoreanFormat.Won(decision.CouponWon))),
                        LotId: pass.LotId), key, cancellationToken),
                    new HandoffRequest("SeasonPassNotApplied", flow.Agent.Category(AgentTextKeys.CategorySeasonPassNotApplied, lot), [HandoffReason.BotFailure], "",
                        new Dictionary<string, string> { ["seasonPassId"] = pass.Id, ["lot"] = lot.Name, ["carNumber"] = pass.CarNumber }), cancellationToken) is not null)
            {
                return;
            }
            slots.CouponRequested = true;
        }
        await turnContext.SendActivityAsync(flow.Scripts.Message(ResponseKeys.FollowUpSeasonCoupon, ("amount", KoreanFormat.Won(decision.CouponWon))), cancellationToken);
    }
}
