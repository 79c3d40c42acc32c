using ParkingBot.Framework.Builder;

namespace ParkingBot.Framework.Dialogs;

/// <summary>
/// A dialog made of dialogs: its children run on their own stack, kept inside this dialog's state,
/// starting with <see cref="InitialDialogId"/>. Override <see cref="OnContinueDialogAsync"/> to look at
/// every message before the children do.
/// </summary>
public abstract class ComponentDialog(string id) : Dialog(id)
{
    private const string ChildStack = "dialogs";
    private readonly DialogSet _dialogs = new();

    protected string? InitialDialogId { get; set; }

    protected ComponentDialog AddDialog(Dialog dialog)
    {
        _dialogs.Add(dialog);
        InitialDialogId ??= dialog.Id;
        return this;
    }

    public Dialog? FindDialog(string dialogId) => _dialogs.Find(dialogId);

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        var inner = CreateInnerContext(dc);
        var result = await OnBeginDialogAsync(inner, options, cancellationToken);
        return await EndComponentIfDoneAsync(dc, result, cancellationToken);
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        var inner = CreateInnerContext(dc);
        var result = await OnContinueDialogAsync(inner, cancellationToken);
        return await EndComponentIfDoneAsync(dc, result, cancellationToken);
    }

    /// <summary>Something this component pushed on the outer stack ended: ask again where we were.</summary>
    /// <summary>
    /// A dialog pushed on top of this one (an interruption such as help) ended: ask the current question again. The
    /// inner context keeps its parent, so children found through the parents (a shared FindUsageDialog) are found.
    /// </summary>
    public override async Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        await CreateInnerContext(dc).RepromptDialogAsync(cancellationToken);
        return EndOfTurn;
    }

    public override Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default) =>
        CreateInnerContext(turnContext, instance, parent: null).RepromptDialogAsync(cancellationToken);

    public override async Task EndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default)
    {
        if (reason == DialogReason.CancelCalled)
        {
            await CreateInnerContext(turnContext, instance, parent: null).CancelAllDialogsAsync(cancellationToken);
        }
    }

    protected virtual Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken) =>
        innerDc.BeginDialogAsync(InitialDialogId ?? throw new InvalidOperationException($"{Id} has no dialogs."), options, cancellationToken);

    protected virtual Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken) =>
        innerDc.ContinueDialogAsync(cancellationToken);

    private async Task<DialogTurnResult> EndComponentIfDoneAsync(DialogContext outerDc, DialogTurnResult result, CancellationToken cancellationToken) =>
        result.Status switch
        {
            DialogTurnStatus.Complete or DialogTurnStatus.Empty => await outerDc.EndDialogAsync(result.Result, cancellationToken),
            DialogTurnStatus.Cancelled => await CancelledAsync(outerDc, cancellationToken),
            _ => EndOfTurn,
        };

    private static async Task<DialogTurnResult> CancelledAsync(DialogContext outerDc, CancellationToken cancellationToken)
    {
        await outerDc.EndDialogAsync(null, cancellationToken);
        return new DialogTurnResult(DialogTurnStatus.Cancelled);
    }

    private DialogContext CreateInnerContext(DialogContext outerDc) => CreateInnerContext(outerDc.Context, outerDc.ActiveDialog!, outerDc);

    private DialogContext CreateInnerContext(ITurnContext turnContext, DialogInstance instance, DialogContext? parent) =>
        new(_dialogs, turnContext, DialogState.In(instance.State, ChildStack), parent);
}
