using ParkingBot.Dialogs.Prompts;
using ParkingBot.Dialogs.Responses;
using ParkingBot.Dialogs.Understanding;
using ParkingBot.Framework.Dialogs;
using ParkingBot.Framework.Dialogs.Prompts;
using ParkingBot.Framework.Schema;
using ParkingBot.Language.Prompts;
using ParkingBot.Language.Recognizers;
using ParkingBot.Parking.Model;
using ParkingBot.Parking.Operations;
using ParkingBot.Parking.Policies;

namespace ParkingBot.Dialogs.Flows.Shared;

/// <summary>What to look for: whose usages, of which kinds, on which day if already known.</summary>
public sealed class UsageSearch
{
    public string CustomerId { get; set; } = "";
    public List<UsageKind> Kinds { get; set; } = [];
    public DateOnly? Date { get; set; }

    /// <summary>The car the customer named, if any: among several usages of the day, those of this car.</summary>
    public string? CarNumber { get; set; }

    /// <summary>How many times nothing was found already.</summary>
    public int Misses { get; set; }

    /// <summary>Usages the customer said were not the one (never offered again in this search).</summary>
    public List<string> Rejected { get; set; } = [];
}

/// <summary>
/// 이용 건 탐색: the day (asked unless known), then the usage — one is confirmed, several are offered as
/// buttons (the customer may also answer with the lot, the time or "두 번째"), none is asked again once and then a
/// person is offered. Ends with the <see cref="Usage"/> (remembered as the flow's usage) or null.
/// Without ownership verification only the lot's administrative area is said.
/// </summary>
public sealed class FindUsageDialog : ComponentDialog
{
    private const string Steps = "findUsage.steps";
    private readonly ResponseScripts _scripts;
    private readonly IParkingOperations _operations;
    private readonly SlotMemory _slots;
    private readonly IReadOnlyList<string> _ordinals;

    public FindUsageDialog(FlowSupport flow) : base(nameof(FindUsageDialog))
    {
        _scripts = flow.Scripts;
        _operations = flow.Operations;
        _slots = flow.Slots;
        _ordinals = flow.Phrases.Ordinals;
        AddDialog(new WaterfallDialog<UsageSearch, UsageCandidates>(Steps, [AskDateAsync, SearchAsync, DecideAsync]));
        AddDialog(new DatePrompt(Expecting.UsageDate, flow.Recognizer, flow.TimeProvider, FlowValidators.OfferAgentAfterTwoMisses<DateOnly>(_scripts)));
        AddDialog(new YesNoPrompt(Expecting.UsageConfirm, flow.Judge, FlowValidators.OfferAgentAfterTwoMisses<bool>(_scripts), clarifying: new ClarifyingQuestions(_scripts)));
        AddDialog(new UsageChoicePrompt(Expecting.UsageChoice, FlowValidators.OfferAgentAfterTwoMisses<FoundChoice>(_scripts), _slots, ShownUsagesAsync));
    }

    private Task<DialogTurnResult> AskDateAsync(WaterfallStepContext<UsageSearch, UsageCandidates> step, CancellationToken cancellationToken) =>
        step.Options.Date is { } known
            ? step.NextAsync(known, cancellationToken)
            : step.PromptAsync(Expecting.UsageDate, KoreanPromptOptions.Date(_scripts, ResponseKeys.UsageAskDate), cancellationToken);

    private async Task<DialogTurnResult> SearchAsync(WaterfallStepContext<UsageSearch, UsageCandidates> step, CancellationToken cancellationToken)
    {
        // The slots, not the date prompt, hold the day meant when a message corrects itself ("그제... 아 아니다 어제요").
        var date = (await _slots.GetAsync(step.Context, cancellationToken)).UsageDate ?? step.GetResult<DateOnly>();
        var customer = (await _operations.FindCustomerAsync(step.Context.Activity.ChannelId ?? "", step.Context.Activity.From?.Id ?? "", cancellationToken))!;
        var found = (await UsagesAsync(step.Context, new UsageQuery(step.Options.CustomerId) { Date = date }, cancellationToken))
            .Where(u => step.Options.Kinds.Count == 0 || step.Options.Kinds.Contains(u.Kind))
            .Where(u => !step.Options.Rejected.Contains(u.Id))
            .ToList();
        var said = await _slots.GetAsync(step.Context, cancellationToken);
        if (found.Where(u => SlotMemory.SameCar(said.CarNumber ?? step.Options.CarNumber, u.CarNumber)).ToList() is { Count: > 0 } ofThatCar)
        {
            found = ofThatCar;
        }
        if (found.Where(u => said.LotIds.Contains(u.LotId)).ToList() is { Count: > 0 } atThatLot)
        {
            found = atThatLot;
        }
        else if (said.LotSaid is { } named && found.Count > 0)
        {
            // Never offered as if it were the lot named: the customer hears that the named lot had none that day.
            await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.UsageNoneAtNamedLot, ("date", KoreanFormat.Date(date)), ("lot", named)), cancellationToken);
        }
        if (found.Where(u => u.Amount == said.Amount).ToList() is { Count: > 0 } ofThatAmount)
        {
            found = ofThatAmount;
        }
        step.Values.UsageIds = found.Select(u => u.Id).ToList();
        switch (found.Count)
        {
            case 0 when step.Options.Misses == 0:
                await step.Context.SendActivityAsync(_scripts.Message(ResponseKeys.UsageNotFound, ("date", KoreanFormat.Date(date))), cancellationToken);
                return await step.ReplaceDialogAsync(Steps, new UsageSearch
                {
                    CustomerId = step.Options.CustomerId, Kinds = step.Options.Kinds, CarNumber = step.Options.CarNumber, Misses = 1, Rejected = step.Options.Rejected,
                }, cancellationToken);
            case 0:
                await step.Context.SendActivityAsync(_scripts.MessageOfferingAgent(ResponseKeys.UsageNotFoundOfferAgent, ("date", KoreanFormat.Date(date))), cancellationToken);
                return await step.EndDialogAsync(null, cancellationToken);
            case 1:
                // What was found is said back as found: the day, the lot as the customer may hear it, and what it cost.
                var usage = found[0];
                var lot = ("lot", await LotMentionAsync(usage, customer, cancellationToken));
                return await step.PromptAsync(Expecting.UsageConfirm, usage.Amount > 0
                    ? KoreanPromptOptions.YesNo(_scripts, ResponseKeys.UsageConfirmWithAmount, null, ("date", KoreanFormat.Date(usage.Date)), lot, ("amount", KoreanFormat.Won(usage.Amount)))
                    : KoreanPromptOptions.YesNo(_scripts, ResponseKeys.UsageConfirm, null, ("date", KoreanFormat.Date(usage.Date)), lot), cancellationToken);
            default:
                var choices = new List<Choice>();
                foreach (var (candidate, index) in found.Select((u, i) => (u, i)))
                {
                    choices.Add(new Choice(candidate.Id, await SynonymsAsync(candidate, index, customer, cancellationToken)) { Title = await DescribeAsync(candidate, customer, cancellationToken) });
                }
                return await step.PromptAsync(Expecting.UsageChoice, new PromptOptions
                {
                    Prompt = _scripts.Message(ResponseKeys.UsageChoose, ("date", KoreanFormat.Date(date))),
                    RetryPrompt = _scripts.Message(ResponseKeys.UsageChooseRetry),
                    Choices = choices,
                }, cancellationToken);
        }
    }

    private async Task<DialogTurnResult> DecideAsync(WaterfallStepContext<UsageSearch, UsageCandidates> step, CancellationToken cancellationToken)
    {
        var id = step.Result switch
        {
            FoundChoice choice => choice.Value,
            true => step.Values.UsageIds.Single(),
            _ => null,
        };
        if (id is null)
        {
            // Not this one: the day is asked again, and what was turned down is not offered again.
            return await step.ReplaceDialogAsync(Steps, new UsageSearch
            {
                CustomerId = step.Options.CustomerId, Kinds = step.Options.Kinds, Misses = step.Options.Misses, Rejected = [.. step.Options.Rejected, .. step.Values.UsageIds],
            }, cancellationToken);
        }
        var usage = (await UsagesAsync(step.Context, new UsageQuery(step.Options.CustomerId), cancellationToken)).Single(u => u.Id == id);
        var slots = await _slots.GetAsync(step.Context, cancellationToken);
        slots.UsageId = usage.Id;
        slots.UsageDate = usage.Date;
        return await step.EndDialogAsync(usage, cancellationToken);
    }

    /// <summary>The usages a choice offered, by their ids.</summary>
    private async Task<IReadOnlyList<Usage>> ShownUsagesAsync(Framework.Builder.ITurnContext turnContext, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var customer = (await _operations.FindCustomerAsync(turnContext.Activity.ChannelId ?? "", turnContext.Activity.From?.Id ?? "", cancellationToken))!;
        var usages = await UsagesAsync(turnContext, new UsageQuery(customer.Id), cancellationToken);
        return ids.Select(id => usages.FirstOrDefault(u => u.Id == id)).OfType<Usage>().ToList();
    }

    private async Task<string> DescribeAsync(Usage usage, CustomerAccount customer, CancellationToken cancellationToken) =>
        $"{await LotMentionAsync(usage, customer, cancellationToken)} · {_scripts.Text(KindTitle(usage.Kind))}"
        + (usage.EntryAt is { } entry ? $" · {KoreanFormat.Time(entry)}" : "");

    /// <summary>
    /// What else a customer may answer with: the lot as they may hear it or call it (its area's words too), the kind
    /// (주차패스), the car, the entry time, its place in the list (두 번째).
    /// </summary>
    private async Task<string[]> SynonymsAsync(Usage usage, int index, CustomerAccount customer, CancellationToken cancellationToken)
    {
        var lot = (await _operations.GetLotAsync(usage.LotId, cancellationToken))!;
        var synonyms = new List<string> { LotMentionPolicy.Mention(lot, customer.FindVehicle(usage.CarNumber)) };
        synonyms.AddRange(lot.Aliases);
        synonyms.AddRange(lot.AdministrativeArea.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        synonyms.AddRange([usage.CarNumber, KoreanFormat.CarNumber(usage.CarNumber)]);
        if (usage.Amount > 0)
        {
            synonyms.AddRange([KoreanFormat.Won(usage.Amount), KoreanFormat.WonPlain(usage.Amount)]);
        }
        synonyms.Add(_scripts.Text(KindTitle(usage.Kind)));
        synonyms.AddRange(_ordinals.Skip(index).Take(1));
        if (usage.EntryAt is { } entry)
        {
            var korea = entry.ToOffset(TimeSpan.FromHours(9));
            synonyms.AddRange([KoreanFormat.Time(entry), KoreanFormat.Hour(korea.Hour), KoreanFormat.Hour(korea.Hour > 12 ? korea.Hour - 12 : korea.Hour)]);
        }
        return [.. synonyms];
    }

    private async Task<string> LotMentionAsync(Usage usage, CustomerAccount customer, CancellationToken cancellationToken) =>
        LotMentionPolicy.Mention((await _operations.GetLotAsync(usage.LotId, cancellationToken))!, customer.FindVehicle(usage.CarNumber));

    private static ResponseKey KindTitle(UsageKind kind) => kind switch
    {
        UsageKind.Ticket => ResponseKeys.KindTicket,
        UsageKind.ParkingPass => ResponseKeys.KindParkingPass,
        UsageKind.SeasonPass => ResponseKeys.KindSeasonPass,
        _ => ResponseKeys.KindValet,
    };

    private Task<IReadOnlyList<Usage>> UsagesAsync(Framework.Builder.ITurnContext turnContext, UsageQuery query, CancellationToken cancellationToken) =>
        Framework.Builder.TurnMemo.GetOrReadAsync(turnContext, $"usages:{query}", () => _operations.FindUsagesAsync(query, cancellationToken));
}

public sealed class UsageCandidates
{
    public List<string> UsageIds { get; set; } = [];
}
