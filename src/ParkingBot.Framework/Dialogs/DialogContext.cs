using System.Text.Json.Nodes;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Dialogs.Prompts;

namespace ParkingBot.Framework.Dialogs;

/// <summary>Runs the dialogs of one <see cref="DialogSet"/> over one stack during a turn.</summary>
public sealed class DialogContext
{
    private readonly DialogState _state;

    public DialogContext(DialogSet dialogs, ITurnContext context, DialogState state, DialogContext? parent = null)
    {
        Dialogs = dialogs;
        Context = context;
        _state = state;
        Parent = parent;
    }

    public DialogSet Dialogs { get; }

    public ITurnContext Context { get; }

    /// <summary>The context of the component dialog that owns this stack, if any.</summary>
    public DialogContext? Parent { get; }

    public IReadOnlyList<DialogInstance> Stack => _state.DialogStack.Select(n => new DialogInstance((JsonObject)n!)).ToList();

    public DialogInstance? ActiveDialog => _state.DialogStack.Count > 0 ? new DialogInstance((JsonObject)_state.DialogStack[0]!) : null;

    /// <summary>Pushes <paramref name="dialogId"/> and begins it. Options are stored as JSON and read back typed by the dialog.</summary>
    public async Task<DialogTurnResult> BeginDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        var dialog = FindDialog(dialogId) ?? throw new ArgumentException($"No dialog '{dialogId}' in this set or its parents.", nameof(dialogId));
        _state.DialogStack.Insert(0, new DialogInstance(dialogId).Node);
        return await dialog.BeginDialogAsync(this, options, cancellationToken);
    }

    public Task<DialogTurnResult> PromptAsync(string dialogId, PromptOptions options, CancellationToken cancellationToken = default) =>
        BeginDialogAsync(dialogId, options, cancellationToken);

    /// <summary>Hands the turn to the active dialog; <see cref="DialogTurnStatus.Empty"/> when there is none.</summary>
    public async Task<DialogTurnResult> ContinueDialogAsync(CancellationToken cancellationToken = default)
    {
        if (ActiveDialog is not { } instance)
        {
            return new DialogTurnResult(DialogTurnStatus.Empty);
        }
        return FindDialog(instance.Id) is { } dialog
            ? await dialog.ContinueDialogAsync(this, cancellationToken)
            : await DropGoneDialogsAsync(cancellationToken);
    }

    /// <summary>Pops the active dialog and resumes its parent with <paramref name="result"/>.</summary>
    public async Task<DialogTurnResult> EndDialogAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        await EndActiveDialogAsync(DialogReason.EndCalled, cancellationToken);
        if (ActiveDialog is not { } parent)
        {
            return new DialogTurnResult(DialogTurnStatus.Complete, result);
        }
        return FindDialog(parent.Id) is { } dialog
            ? await dialog.ResumeDialogAsync(this, DialogReason.EndCalled, result, cancellationToken)
            : await DropGoneDialogsAsync(cancellationToken);
    }

    /// <summary>Ends the active dialog and starts another in its place (loops, restarts).</summary>
    public async Task<DialogTurnResult> ReplaceDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        await EndActiveDialogAsync(DialogReason.ReplaceCalled, cancellationToken);
        return await BeginDialogAsync(dialogId, options, cancellationToken);
    }

    /// <summary>Ends every dialog on this stack.</summary>
    public async Task<DialogTurnResult> CancelAllDialogsAsync(CancellationToken cancellationToken = default)
    {
        if (_state.DialogStack.Count == 0)
        {
            return new DialogTurnResult(DialogTurnStatus.Empty);
        }
        while (_state.DialogStack.Count > 0)
        {
            await EndActiveDialogAsync(DialogReason.CancelCalled, cancellationToken);
        }
        return new DialogTurnResult(DialogTurnStatus.Cancelled);
    }

    public async Task RepromptDialogAsync(CancellationToken cancellationToken = default)
    {
        if (ActiveDialog is { } instance && FindDialog(instance.Id) is { } dialog)
        {
            await dialog.RepromptDialogAsync(Context, instance, cancellationToken);
        }
    }

    public Dialog? FindDialog(string dialogId) => Dialogs.Find(dialogId) ?? Parent?.FindDialog(dialogId);

    /// <summary>
    /// A release removed or renamed the dialog this stack was in: it and any other gone dialog under it are dropped, and the
    /// dialog below starts again (<see cref="DialogReason.VersionChanged"/>); an emptied stack is <see cref="DialogTurnStatus.Empty"/>.
    /// </summary>
    private async Task<DialogTurnResult> DropGoneDialogsAsync(CancellationToken cancellationToken)
    {
        while (ActiveDialog is { } gone && FindDialog(gone.Id) is null)
        {
            _state.DialogStack.RemoveAt(0);
        }
        return ActiveDialog is { } below
            ? await FindDialog(below.Id)!.ResumeDialogAsync(this, DialogReason.VersionChanged, null, cancellationToken)
            : new DialogTurnResult(DialogTurnStatus.Empty);
    }

    private async Task EndActiveDialogAsync(DialogReason reason, CancellationToken cancellationToken)
    {
        if (ActiveDialog is { } instance)
        {
            // A child that a component found through its parents cannot be resolved while the component is being
            // cancelled from outside; it has no clean-up of its own to run, so it is simply popped.
            if (FindDialog(instance.Id) is { } dialog)
            {
                await dialog.EndDialogAsync(Context, instance, reason, cancellationToken);
            }
            _state.DialogStack.RemoveAt(0);
        }
    }
}
