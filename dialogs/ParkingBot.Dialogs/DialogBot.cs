using ParkingBot.Dialogs.Main;
using ParkingBot.Dialogs.Outcomes;
using ParkingBot.Dialogs.Responses;
using ParkingBot.Dialogs.Understanding;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Dialogs;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Dialogs;

/// <summary>
/// The bot: welcomes a customer who joins, hands every message to <see cref="MainDialog"/>, and saves
/// conversation and user state at the end of each turn (after the designer trace, when that is on).
/// </summary>
public sealed class DialogBot(ConversationState conversationState, UserState userState, MainDialog mainDialog, ResponseScripts scripts, DesignerTrace trace,
    ConversationOutcomes outcomes) : ActivityHandler
{
    private readonly IStatePropertyAccessor<DialogState> _dialogState = conversationState.CreateProperty<DialogState>(nameof(DialogState));

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await base.OnTurnAsync(turnContext, cancellationToken);
        if (trace.IsOn(turnContext))
        {
            await trace.SendAsync(turnContext, await _dialogState.GetAsync(turnContext, () => new DialogState(), cancellationToken), cancellationToken);
        }
        await conversationState.SaveChangesAsync(turnContext, cancellationToken: cancellationToken);
        await userState.SaveChangesAsync(turnContext, cancellationToken: cancellationToken);
    }

    /// <summary>An agent resolved the case: the bot takes the conversation back with the closing question.</summary>
    public async Task ResumeAfterHandoffAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        await outcomes.BeginTurnAsync(turnContext, afterHandoff: true, cancellationToken);
        var dc = await new DialogSet(_dialogState).Add(mainDialog).CreateContextAsync(turnContext, cancellationToken);
        await dc.CancelAllDialogsAsync(cancellationToken);
        await dc.BeginDialogAsync(mainDialog.Id, new MainDialogOptions { AfterHandoff = true }, cancellationToken);
        await outcomes.EndTurnAsync(turnContext, await _dialogState.GetAsync(turnContext, () => new DialogState(), cancellationToken), cancellationToken);
        await conversationState.SaveChangesAsync(turnContext, cancellationToken: cancellationToken);
    }

    /// <summary>The router runs the message; what it decided goes to the outcome record with the turn's state.</summary>
    protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        await outcomes.BeginTurnAsync(turnContext, afterHandoff: false, cancellationToken);
        await mainDialog.RunAsync(turnContext, _dialogState, cancellationToken);
        await outcomes.EndTurnAsync(turnContext, await _dialogState.GetAsync(turnContext, () => new DialogState(), cancellationToken), cancellationToken);
    }

    protected override async Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var welcome = scripts.Message(ResponseKeys.Welcome);
        welcome.SuggestedActions = MenuCards.SuggestedActions(scripts);
        await turnContext.SendActivityAsync(welcome, cancellationToken);
    }
}
