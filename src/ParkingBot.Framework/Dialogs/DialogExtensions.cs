using ParkingBot.Framework.Builder;

namespace ParkingBot.Framework.Dialogs;

public static class DialogExtensions
{
    /// <summary>Continues the active dialog, or begins <paramref name="dialog"/> when nothing is running.</summary>
    public static async Task<DialogTurnResult> RunAsync(this Dialog dialog, ITurnContext turnContext, IStatePropertyAccessor<DialogState> accessor, CancellationToken cancellationToken = default)
    {
        var dialogSet = new DialogSet(accessor).Add(dialog);
        var dc = await dialogSet.CreateContextAsync(turnContext, cancellationToken);
        var result = await dc.ContinueDialogAsync(cancellationToken);
        return result.Status == DialogTurnStatus.Empty
            ? await dc.BeginDialogAsync(dialog.Id, null, cancellationToken)
            : result;
    }
}
