using System.Text.Json;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.Dialogs;

public delegate Task<DialogTurnResult> WaterfallStep<TOptions, TValues>(WaterfallStepContext<TOptions, TValues> stepContext, CancellationToken cancellationToken)
    where TOptions : class, new()
    where TValues : class, new();

/// <summary>
/// A fixed sequence of steps. Each step asks something (a prompt) or does something and moves on;
/// the answer arrives as the next step's <see cref="WaterfallStepContext{TOptions,TValues}.Result"/>.
/// <typeparamref name="TOptions"/> are what the caller passed in; <typeparamref name="TValues"/> is the
/// step state the steps share, saved between turns.
/// </summary>
public class WaterfallDialog<TOptions, TValues>(string id, IReadOnlyList<WaterfallStep<TOptions, TValues>> steps) : Dialog(id)
    where TOptions : class, new()
    where TValues : class, new()
{
    private const string StepIndex = "stepIndex";
    private const string OptionsKey = "options";
    internal const string ValuesKey = "values";

    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        var instance = dc.ActiveDialog!;
        instance.State[OptionsKey] = options is null ? null : JsonSerializer.SerializeToNode(options, options.GetType(), BotJson.Options);
        instance.Write(ValuesKey, new TValues());
        return RunStepAsync(dc, 0, DialogReason.BeginCalled, null, cancellationToken);
    }

    /// <summary>The user answered while a step (not a prompt) was waiting: move on with the message text.</summary>
    public override Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default) =>
        dc.Context.Activity.IsType(ActivityTypes.Message)
            ? ResumeDialogAsync(dc, DialogReason.ContinueCalled, dc.Context.Activity.Text, cancellationToken)
            : Task.FromResult(EndOfTurn);

    public override Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        var index = dc.ActiveDialog!.Read<int>(StepIndex);
        return RunStepAsync(dc, index + 1, reason, result, cancellationToken);
    }

    internal async Task<DialogTurnResult> RunStepAsync(DialogContext dc, int index, DialogReason reason, object? result, CancellationToken cancellationToken)
    {
        if (index >= steps.Count)
        {
            return await dc.EndDialogAsync(result, cancellationToken);
        }
        var instance = dc.ActiveDialog!;
        instance.Write(StepIndex, index);
        var options = instance.Read<TOptions>(OptionsKey) ?? new TOptions();
        var values = instance.Read<TValues>(ValuesKey) ?? new TValues();
        var stepContext = new WaterfallStepContext<TOptions, TValues>(this, dc, instance, index, reason, options, values, result);
        var stepResult = await steps[index](stepContext, cancellationToken);
        stepContext.SaveValues();
        return stepResult;
    }
}
