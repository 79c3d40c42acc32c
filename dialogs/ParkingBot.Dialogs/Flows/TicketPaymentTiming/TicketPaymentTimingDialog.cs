using ParkingBot.Dialogs.Flows.Shared;
using ParkingBot.Dialogs.Responses;
using ParkingBot.Dialogs.Understanding;
using ParkingBot.Framework.Dialogs;
using ParkingBot.Framework.Dialogs.Prompts;
using ParkingBot.Parking.Model;

namespace ParkingBot.Dialogs.Flows.TicketPaymentTiming;

/// <summary>
/// Playbook 000 Q2 "주차권은 언제 결제되나요?": which lot (asked unless named), then when that very lot charges the ticket,
/// from the parking store, its official name said back. A name that fits several lots ("공항") is asked about; a lot the
/// store does not know is never answered for: the customer hears so and is offered an agent.
/// </summary>
public sealed class TicketPaymentTimingDialog : FlowDialog<TicketPaymentTimingValues>
{
    public TicketPaymentTimingDialog(FlowSupport flow) : base(nameof(TicketPaymentTimingDialog), flow)
    {
        Steps(AskLotAsync, ChooseLotAsync, AnswerTimingAsync);
        AddDialog(new TextPrompt(Expecting.Lot, NamesALotAsync));
        AddDialog(new ChoicePrompt(Expecting.LotChoice, FlowValidators.OfferAgentAfterTwoMisses<FoundChoice>(Scripts)));
    }

    private async Task<DialogTurnResult> AskLotAsync(WaterfallStepContext<FlowOptions, TicketPaymentTimingValues> step, CancellationToken cancellationToken) =>
        (await SlotsAsync(step.Context, cancellationToken)).LotSaid is not null
            ? await step.NextAsync(null, cancellationToken)
            : await step.PromptAsync(Expecting.Lot, new PromptOptions
            {
                Prompt = Scripts.Message(ResponseKeys.PaymentTimingAskLot),
                RetryPrompt = Scripts.Message(ResponseKeys.PaymentTimingAskLotRetry),
            }, cancellationToken);

    /// <summary>An answer names a lot (one the store knows, or a short name), not a question back ("주차장마다 달라요?").</summary>
    private async Task<bool> NamesALotAsync(PromptValidatorContext<string> prompt, CancellationToken cancellationToken) =>
        prompt.Recognized.Succeeded
        && ((await SlotsAsync(prompt.Context, cancellationToken)).LotSaid is not null
            || prompt.Recognized.Value is { Length: <= 20 } said && !said.Contains('?') && said.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 3);

    private async Task<DialogTurnResult> ChooseLotAsync(WaterfallStepContext<FlowOptions, TicketPaymentTimingValues> step, CancellationToken cancellationToken)
    {
        var slots = await SlotsAsync(step.Context, cancellationToken);
        slots.LotSaid ??= step.Result as string;
        if (slots.LotIds.Count <= 1)
        {
            return await step.NextAsync(slots.LotIds.Count == 1 ? new FoundChoice(slots.LotIds[0], 0) : null, cancellationToken);
        }
        var choices = new List<Choice>();
        foreach (var id in slots.LotIds)
        {
            var lot = (await Flow.Operations.GetLotAsync(id, cancellationToken))!;
            choices.Add(new Choice(lot.Id, [.. lot.Aliases]) { Title = lot.Name });
        }
        return await step.PromptAsync(Expecting.LotChoice, new PromptOptions
        {
            Prompt = Scripts.Message(ResponseKeys.PaymentTimingChooseLot, ("lotName", slots.LotSaid ?? "")),
            RetryPrompt = Scripts.Message(ResponseKeys.PaymentTimingChooseLotRetry),
            Choices = choices,
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> AnswerTimingAsync(WaterfallStepContext<FlowOptions, TicketPaymentTimingValues> step, CancellationToken cancellationToken)
    {
        if (step.Result is not FoundChoice chosen || await Flow.Operations.GetLotAsync(chosen.Value, cancellationToken) is not { } lot)
        {
            var said = (await SlotsAsync(step.Context, cancellationToken)).LotSaid ?? "";
            await step.Context.SendActivityAsync(Scripts.MessageOfferingAgent(ResponseKeys.PaymentTimingUnknownLot, ("lotName", said.Trim())), cancellationToken);
            return await EndAsync(step, FlowOutcome.NotFound("lot"), cancellationToken);
        }
        step.Values.LotName = lot.Name;
        var answer = lot.PaymentTiming switch
        {
            PaymentTiming.AtReservation => ResponseKeys.PaymentTimingAtReservation,
            PaymentTiming.AtEntry => ResponseKeys.PaymentTimingAtEntry,
            _ => ResponseKeys.PaymentTimingAtExit,
        };
        await step.Context.SendActivitiesAsync(
            [Scripts.Message(answer, ("lotName", lot.Name)), Scripts.Message(ResponseKeys.PaymentTimingAutoExitGuide)], cancellationToken);
        return await EndAsync(step, FlowOutcome.Informed(lot.PaymentTiming.ToString()), cancellationToken);
    }
}

public sealed class TicketPaymentTimingValues
{
    public string? LotName { get; set; }
}
