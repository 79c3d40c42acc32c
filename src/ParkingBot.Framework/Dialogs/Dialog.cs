using ParkingBot.Framework.Builder;

namespace ParkingBot.Framework.Dialogs;

/// <summary>
/// A step of conversation logic. Dialog objects hold no conversation data: everything a dialog must
/// remember between turns goes in its <see cref="DialogInstance.State"/>.
/// </summary>
public abstract class Dialog(string id)
{
    public static readonly DialogTurnResult EndOfTurn = new(DialogTurnStatus.Waiting);

    public string Id { get; } = id;

    /// <summary>
    /// What a saved conversation must match to resume this dialog where it stopped (a waterfall: its step names in
    /// order); a different version after a release makes the dialog start again.
    /// </summary>
    public virtual string GetVersion() => Id;

    public abstract Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default);

    public virtual Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default) =>
        dc.EndDialogAsync(null, cancellationToken);

    /// <summary>A child this dialog started has ended with <paramref name="result"/>.</summary>
    public virtual Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default) =>
        dc.EndDialogAsync(result, cancellationToken);

    public virtual Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;

    public virtual Task EndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;
}
