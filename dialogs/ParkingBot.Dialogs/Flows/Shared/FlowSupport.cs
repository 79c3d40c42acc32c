using System.Globalization;
using ParkingBot.Dialogs.Responses;
using ParkingBot.Dialogs.Understanding;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Dialogs;
using ParkingBot.Handoff;
using ParkingBot.Handoff.Cases;
using ParkingBot.Language.Recognizers;
using ParkingBot.Parking.Model;
using ParkingBot.Parking.Operations;
using ParkingBot.Parking.Policies;

namespace ParkingBot.Dialogs.Flows.Shared;

/// <summary>
/// What every flow uses and does the same way: the scripts, the slots the customer gave, yes/no judged per question,
/// find the customer and the holder's usage, describe a usage as case slots, hand off with the waiting message.
/// </summary>
public sealed class FlowSupport(IParkingOperations operations, HandoffService handoff, ResponseScripts scripts, SlotMemory slots, AnswerJudge judge,
    CustomerPhrases phrases, AgentTexts agentTexts, KoreanEntityRecognizer recognizer, TimeProvider timeProvider)
{
    public IParkingOperations Operations { get; } = operations;
    public ResponseScripts Scripts { get; } = scripts;
    public SlotMemory Slots { get; } = slots;
    public AnswerJudge Judge { get; } = judge;
    public CustomerPhrases Phrases { get; } = phrases;
    public AgentTexts Agent { get; } = agentTexts;
    public KoreanEntityRecognizer Recognizer { get; } = recognizer;
    public TimeProvider TimeProvider { get; } = timeProvider;

    public Task<CustomerAccount?> CustomerAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        Operations.FindCustomerAsync(turnContext.Activity.ChannelId ?? "", turnContext.Activity.From?.Id ?? "", cancellationToken);

    /// <summary>The current customer's usage by id (a waterfall keeps only the id between turns).</summary>
    public async Task<Usage> UsageAsync(ITurnContext turnContext, string usageId, CancellationToken cancellationToken)
    {
        var customer = (await CustomerAsync(turnContext, cancellationToken))!;
        return (await UsagesAsync(turnContext, new UsageQuery(customer.Id), cancellationToken)).Single(u => u.Id == usageId);
    }

    /// <summary>The customer's usages as this activity's first run found them (see <see cref="TurnMemo"/>).</summary>
    public Task<IReadOnlyList<Usage>> UsagesAsync(ITurnContext turnContext, UsageQuery query, CancellationToken cancellationToken) =>
        TurnMemo.GetOrReadAsync(turnContext, $"usages:{query}", () => Operations.FindUsagesAsync(query, cancellationToken));

    /// <summary>The customer's season passes as this activity's first run found them (see <see cref="TurnMemo"/>).</summary>
    public Task<IReadOnlyList<SeasonPass>> SeasonPassesAsync(ITurnContext turnContext, string customerId, CancellationToken cancellationToken) =>
        TurnMemo.GetOrReadAsync(turnContext, $"passes:{customerId}", () => Operations.FindSeasonPassesAsync(customerId, cancellationToken));

    public async Task<ParkingLot> LotAsync(Usage usage, CancellationToken cancellationToken) =>
        (await Operations.GetLotAsync(usage.LotId, cancellationToken))!;

    /// <summary>The lot as the customer may hear it: its name, or only its area without ownership verification.</summary>
    public async Task<string> LotMentionAsync(Usage usage, CustomerAccount customer, CancellationToken cancellationToken) =>
        LotMentionPolicy.Mention(await LotAsync(usage, cancellationToken), customer.FindVehicle(usage.CarNumber));

    /// <summary>The usage as case slots for the agent (the agent always sees the lot's real name).</summary>
    public static Dictionary<string, string> CaseSlots(Usage usage, ParkingLot lot)
    {
        var slots = new Dictionary<string, string>
        {
            ["usageId"] = usage.Id,
            ["usageDate"] = usage.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["lot"] = lot.Name,
            ["carNumber"] = usage.CarNumber,
            ["passStatus"] = $"{usage.Kind}/{usage.Status}",
            ["amount"] = usage.Amount.ToString(CultureInfo.InvariantCulture),
        };
        if (usage.EntryAt is { } entry)
        {
            slots["entryTime"] = KoreanFormat.Time(entry);
        }
        return slots;
    }

    /// <summary>
    /// What the inquiry has found so far, for a case opened in the middle of it: the usage the flow settled on, or what the
    /// customer said (date, car, lot, times, amount).
    /// </summary>
    public async Task<Dictionary<string, string>> SlotsFoundAsync(ITurnContext turnContext, FlowSlots said, CancellationToken cancellationToken)
    {
        if (said.UsageId is { } usageId && await CustomerAsync(turnContext, cancellationToken) is { } customer
            && (await UsagesAsync(turnContext, new UsageQuery(customer.Id), cancellationToken)).FirstOrDefault(u => u.Id == usageId) is { } usage)
        {
            return CaseSlots(usage, await LotAsync(usage, cancellationToken));
        }
        var slots = new Dictionary<string, string>();
        if (said.UsageDate is { } date)
        {
            slots["usageDate"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        if (said.CarNumber is { } car)
        {
            slots["carNumber"] = car;
        }
        if (said.LotSaid is { } lot)
        {
            slots["lot"] = lot;
        }
        if (said.EntryTime is { } entry)
        {
            slots["entryTime"] = KoreanFormat.Moment(entry);
        }
        if (said.PlannedExit is { } exit)
        {
            slots["plannedExit"] = KoreanFormat.Moment(exit);
        }
        if (said.Amount is { } amount)
        {
            slots["amount"] = amount.ToString(CultureInfo.InvariantCulture);
        }
        return slots;
    }

    /// <summary>Attachments the customer sent, as the case keeps them.</summary>
    public static IReadOnlyList<CaseAttachment> CaseAttachments(IEnumerable<Framework.Schema.Attachment> attachments) =>
        attachments.Where(a => a.ContentUrl is not null)
            .Select(a => new CaseAttachment(a.Name ?? "attachment", a.ContentType ?? "application/octet-stream", a.ContentUrl!))
            .ToList();

    /// <summary>
    /// A flow's first step: the playbook's empathy line, then 본인확인 (its result is whether the customer is the holder).
    /// A customer who already confirmed in this conversation, or said so unasked ("가입자 본인인데요"), is not asked; a
    /// flow restarted (after a correction or a release) does not repeat the empathy.
    /// </summary>
    public async Task<DialogTurnResult> EmpathizeAndCheckIdentityAsync<TValues>(WaterfallStepContext<FlowOptions, TValues> step, ResponseKey empathy, CancellationToken cancellationToken)
        where TValues : class, new()
    {
        if (!step.Options.Restarted && step.Reason != DialogReason.VersionChanged)
        {
            await step.Context.SendActivityAsync(Scripts.Message(empathy), cancellationToken);
        }
        var said = await Slots.GetAsync(step.Context, cancellationToken);
        if (said.IdentityConfirmed)
        {
            return await step.NextAsync(true, cancellationToken);
        }
        if (said.Facts.TryGetValue(Expecting.Identity, out var holder))
        {
            said.IdentityConfirmed = holder;
            await step.Context.SendActivityAsync(Scripts.Message(holder ? ResponseKeys.IdentityThanks : ResponseKeys.IdentityRestricted), cancellationToken);
            return await step.NextAsync(holder, cancellationToken);
        }
        return await step.BeginDialogAsync(nameof(IdentityCheckDialog), null, cancellationToken);
    }

    /// <summary>After 본인확인: the holder's usage of these kinds (the flow ends for anyone else); its result is the usage or null.</summary>
    public async Task<DialogTurnResult> FindUsageOfHolderAsync<TValues>(WaterfallStepContext<FlowOptions, TValues> step, IReadOnlyList<UsageKind> kinds, CancellationToken cancellationToken)
        where TValues : class, new()
    {
        if (!step.GetResult<bool>())
        {
            return await step.EndDialogAsync(FlowOutcome.NotHolder, cancellationToken);
        }
        return await FindUsageAsync(step, kinds, cancellationToken);
    }

    /// <summary>
    /// 이용 건 탐색 with what the customer already said (day, car, lot); its result is the usage or null. A customer the
    /// service does not know hears so and is offered an agent.
    /// </summary>
    public async Task<DialogTurnResult> FindUsageAsync<TValues>(WaterfallStepContext<FlowOptions, TValues> step, IReadOnlyList<UsageKind> kinds, CancellationToken cancellationToken)
        where TValues : class, new()
    {
        if (await CustomerAsync(step.Context, cancellationToken) is not { } customer)
        {
            return await AccountNotFoundAsync(step, cancellationToken);
        }
        var said = await Slots.GetAsync(step.Context, cancellationToken);
        return await step.BeginDialogAsync(nameof(FindUsageDialog),
            new UsageSearch { CustomerId = customer.Id, Kinds = [.. kinds], Date = said.UsageDate, CarNumber = said.CarNumber }, cancellationToken);
    }

    /// <summary>
    /// The holder writes from a channel account the service does not know (no usage can be looked up): say so and offer
    /// an agent rather than end in silence.
    /// </summary>
    public async Task<DialogTurnResult> AccountNotFoundAsync<TValues>(WaterfallStepContext<FlowOptions, TValues> step, CancellationToken cancellationToken)
        where TValues : class, new()
    {
        await step.Context.SendActivityAsync(Scripts.MessageOfferingAgent(ResponseKeys.AccountNotFound), cancellationToken);
        return await step.EndDialogAsync(FlowOutcome.NotFound("account"), cancellationToken);
    }

    /// <summary>
    /// 차량번호 확인: asks whether the usage's car is the customer's, unless the customer already said so (or that it
    /// was sold) or named that very car (then it counts as confirmed). The answer goes to the next step.
    /// </summary>
    public async Task<DialogTurnResult> ConfirmCarAsync<TValues>(WaterfallStepContext<FlowOptions, TValues> step, Usage usage, CancellationToken cancellationToken)
        where TValues : class, new()
    {
        var said = await Slots.GetAsync(step.Context, cancellationToken);
        return said.OwnCar is { } ownCar ? await step.NextAsync(ownCar, cancellationToken)
            : SlotMemory.SameCar(said.CarNumber, usage.CarNumber) ? await step.NextAsync(true, cancellationToken)
            : await step.PromptAsync(Expecting.CarConfirm, Prompts.KoreanPromptOptions.YesNo(Scripts, ResponseKeys.CarNumberConfirm, null,
                ("carNumber", KoreanFormat.CarNumber(usage.CarNumber))), cancellationToken);
    }

    /// <summary>Korea's "now" for this message (the customer's clock when the channel sent it).</summary>
    public DateTime Now(ITurnContext turnContext) =>
        Language.Prompts.PromptClock.Now(turnContext.Activity, TimeProvider).ToOffset(KoreanEntityRecognizer.KoreaOffset).DateTime;

    /// <summary>
    /// Runs a backend command once for this turn (keyed by the conversation, the activity and <paramref name="effect"/>, so a
    /// turn run again does not do it twice). Null when it succeeded. Refused: the bot never says it was done; the case
    /// goes to an agent with what was refused and why, the customer is told so, and the returned outcome ends the flow.
    /// </summary>
    public async Task<FlowOutcome?> RunCommandAsync(ITurnContext turnContext, string effect, ResponseKey command, Func<string?, Task<OperationResult>> run,
        HandoffRequest caseIfRefused, CancellationToken cancellationToken)
    {
        var result = await run(IdempotencyKeys.For(turnContext, effect));
        if (result.Succeeded)
        {
            return null;
        }
        var summary = Agent.Text(AgentTextKeys.SummaryCommandRefused, ("command", Agent.Text(command)), ("reason", result.Reason.ToString()));
        return await HandOffAsync(turnContext, caseIfRefused with { Reasons = [HandoffReason.BotFailure], Summary = summary }, ResponseKeys.HandoffCommandRefused, cancellationToken);
    }

    /// <summary>
    /// Opens the case and tells the customer to wait with the playbook's words for this situation. A customer who asked
    /// for their money back in this inquiry has Refund among the case's reasons, whatever else the case is for.
    /// </summary>
    public async Task<FlowOutcome> HandOffAsync(ITurnContext turnContext, HandoffRequest request, ResponseKey waiting, CancellationToken cancellationToken,
        params (string Name, string Value)[] waitingValues)
    {
        if ((await Slots.GetAsync(turnContext, cancellationToken)).RefundAsked && !request.Reasons.Contains(HandoffReason.Refund)
            && !request.Reasons.Contains(HandoffReason.BotFailure))
        {
            request = request with { Reasons = [.. request.Reasons, HandoffReason.Refund] };
        }
        var opened = await handoff.OpenCaseAsync(turnContext, request, cancellationToken);
        await handoff.TellWaitingAsync(turnContext, opened, Scripts.Message(waiting, waitingValues), cancellationToken);
        return FlowOutcome.HandOff(request.Reasons);
    }
}
