using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Dialogs.Prompts;

namespace ParkingBot.Framework.Dialogs;

/// <summary>What a waterfall step sees: the turn, the options, the shared step values and the previous step's result.</summary>
public sealed class WaterfallStepContext<TOptions, TValues>
    where TOptions : class, new()
    where TValues : class, new()
{
    private readonly WaterfallDialog<TOptions, TValues> _waterfall;
    private readonly DialogInstance _instance;
    private bool _handedOn;

    internal WaterfallStepContext(WaterfallDialog<TOptions, TValues> waterfall, DialogContext dc, DialogInstance instance,
        int index, DialogReason reason, TOptions options, TValues values, object? result)
    {
        _waterfall = waterfall;
        _instance = instance;
        DialogContext = dc;
        Index = index;
        Reason = reason;
        Options = options;
        Values = values;
        Result = result;
    }

    public DialogContext DialogContext { get; }

    public ITurnContext Context => DialogContext.Context;

    public int Index { get; }

    public DialogReason Reason { get; }

    /// <summary>What the caller passed to BeginDialogAsync (read-only by convention).</summary>
    public TOptions Options { get; }

    /// <summary>State shared by the steps of this waterfall, saved between turns.</summary>
    public TValues Values { get; }

    /// <summary>The previous step's result: a prompt's answer, a child dialog's result or NextAsync's value.</summary>
    public object? Result { get; }

    public T GetResult<T>() => DialogResults.As<T>(Result);

    /// <summary>
    /// This step runs again after a release changed the waterfall (<see cref="DialogReason.VersionChanged"/>), before the
    /// point where the conversation was waiting: what it does to state was done by its first run.
    /// </summary>
    public bool IsReplay => WaterfallDialog<TOptions, TValues>.IsReplay(_instance);

    /// <summary>Whether starting <paramref name="dialogId"/> now would be answered from the customer's earlier answer.</summary>
    public bool Replays(string dialogId) => WaterfallAnswers.WillReplay(_instance, dialogId);

    public Task<DialogTurnResult> NextAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        SaveValues();
        return _waterfall.RunStepAsync(DialogContext, Index + 1, DialogReason.NextCalled, result, cancellationToken);
    }

    public Task<DialogTurnResult> PromptAsync(string dialogId, PromptOptions options, CancellationToken cancellationToken = default)
    {
        SaveValues();
        return _waterfall.BeginChildAsync(DialogContext, Index, dialogId, options, cancellationToken);
    }

    public Task<DialogTurnResult> BeginDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        SaveValues();
        return _waterfall.BeginChildAsync(DialogContext, Index, dialogId, options, cancellationToken);
    }

    public Task<DialogTurnResult> EndDialogAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        SaveValues();
        return DialogContext.EndDialogAsync(result, cancellationToken);
    }

    public Task<DialogTurnResult> ReplaceDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        SaveValues();
        return DialogContext.ReplaceDialogAsync(dialogId, options, cancellationToken);
    }

    /// <summary>
    /// Writes <see cref="Values"/> into the dialog's state once, before control passes on (a later step may
    /// run inside that call and must see them); changes made after handing on are not kept.
    /// </summary>
    internal void SaveValues()
    {
        if (!_handedOn)
        {
            _handedOn = true;
            _instance.Write(WaterfallDialog<TOptions, TValues>.ValuesKey, Values);
        }
    }
}
