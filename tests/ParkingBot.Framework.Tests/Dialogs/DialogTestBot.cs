using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Dialogs;
using ParkingBot.Framework.Storage;

namespace ParkingBot.Framework.Tests.Dialogs;

/// <summary>Runs one root dialog per turn over a storage, saving conversation state, as a DialogBot does.</summary>
public sealed class DialogTestBot(Dialog root, IStorage? storage = null) : IBot
{
    private readonly ConversationState _conversationState = new(storage ?? new MemoryStorage());

    public DialogTurnResult? LastResult { get; private set; }

    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        LastResult = await root.RunAsync(turnContext, _conversationState.CreateProperty<DialogState>(nameof(DialogState)), cancellationToken);
        await _conversationState.SaveChangesAsync(turnContext, cancellationToken: cancellationToken);
    }
}
