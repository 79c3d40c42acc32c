using ParkingBot.Framework.Builder;

namespace ParkingBot.Framework.Dialogs;

/// <summary>The dialogs one stack may run, by id.</summary>
public sealed class DialogSet
{
    private readonly Dictionary<string, Dialog> _dialogs = new(StringComparer.Ordinal);
    private readonly IStatePropertyAccessor<DialogState>? _dialogState;

    public DialogSet(IStatePropertyAccessor<DialogState>? dialogState = null) => _dialogState = dialogState;

    public DialogSet Add(Dialog dialog)
    {
        if (!_dialogs.TryAdd(dialog.Id, dialog))
        {
            throw new ArgumentException($"A dialog with id '{dialog.Id}' is already in the set.", nameof(dialog));
        }
        return this;
    }

    public Dialog? Find(string dialogId) => _dialogs.GetValueOrDefault(dialogId);

    public IEnumerable<Dialog> GetDialogs() => _dialogs.Values;

    public async Task<DialogContext> CreateContextAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        if (_dialogState is null)
        {
            throw new InvalidOperationException("This DialogSet was created without a dialog state accessor.");
        }
        var state = await _dialogState.GetAsync(turnContext, () => new DialogState(), cancellationToken);
        return new DialogContext(this, turnContext, state);
    }
}
