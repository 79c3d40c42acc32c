namespace ParkingBot.Framework.Builder;

/// <summary>
/// Lets one turn of a conversation run at a time. In one process an in-memory lock does; several instances
/// need a lock they all see (a PostgreSQL advisory lock). Disposing the handle releases the lock.
/// </summary>
public interface IConversationLock
{
    Task<IAsyncDisposable> AcquireAsync(string conversationKey, CancellationToken cancellationToken);
}
