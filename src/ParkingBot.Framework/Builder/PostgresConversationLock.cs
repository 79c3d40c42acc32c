using Npgsql;

namespace ParkingBot.Framework.Builder;

/// <summary>
/// One turn of a conversation at a time across every instance: a PostgreSQL session advisory lock on the conversation
/// key, held on its own connection for the turn. The in-process lock is taken first, so an instance waits with at most one
/// connection per conversation. A process that dies loses its connection, and PostgreSQL releases its locks with it.
/// </summary>
public sealed class PostgresConversationLock(NpgsqlDataSource dataSource) : IConversationLock
{
    private readonly InProcessConversationLock _local = new();

    public async Task<IAsyncDisposable> AcquireAsync(string conversationKey, CancellationToken cancellationToken)
    {
        var local = await _local.AcquireAsync(conversationKey, cancellationToken);
        NpgsqlConnection? connection = null;
        try
        {
            connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended($1, 0))", connection))
            {
                take.Parameters.Add(new NpgsqlParameter { Value = conversationKey });
                await take.ExecuteNonQueryAsync(cancellationToken);
            }
            return new Held(connection, conversationKey, local);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
            await local.DisposeAsync();
            throw;
        }
    }

    private sealed class Held(NpgsqlConnection connection, string conversationKey, IAsyncDisposable local) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            var unlocked = false;
            try
            {
                await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended($1, 0))", connection);
                release.Parameters.Add(new NpgsqlParameter { Value = conversationKey });
                await release.ExecuteNonQueryAsync();
                unlocked = true;
            }
            finally
            {
                if (!unlocked)
                {
                    // The session may still hold the lock: clearing the pool closes this connection instead of pooling it again,
                    // so its session ends and PostgreSQL releases the lock.
                    NpgsqlConnection.ClearPool(connection);
                }
                await connection.DisposeAsync();
                await local.DisposeAsync();
            }
        }
    }
}
