using ParkingBot.Framework.Retention;

namespace ParkingBot.Handoff.Store;

/// <summary>A conversation with a case still open is kept whatever its age: the agent reads it and the bot takes it back.</summary>
public sealed class ConversationsWithOpenCases(IHandoffCaseStore cases) : IConversationsInUse
{
    public Task<IReadOnlySet<string>> ListAsync(CancellationToken cancellationToken = default) => cases.ListOpenConversationsAsync(cancellationToken);
}
