using System.Globalization;
using System.Data.Common;
using ParkingBot.Data;
using ParkingBot.Parking.Model;
using ParkingBot.Parking.Operations;
using ParkingBot.Parking.Seed;

namespace ParkingBot.Parking.Store;

/// <summary>
/// The embedded operations backend, in a SQLite file beside the bot state or the shared PostgreSQL database, seeded
/// from the demo-data file on first start. Records are JSON documents with the columns queries need beside them.
/// </summary>
public sealed class SqlParkingOperations : IParkingOperations
{
    private volatile LotCache? _lots;
    private readonly SqlDatabase _database;
    private readonly TimeProvider _timeProvider;
    private readonly string? _fallbackCustomerId;

    /// <param name="fallbackCustomerId">The customer any unknown channel user is taken for (the demo); null in production.</param>
    public SqlParkingOperations(SqlDatabase database, TimeProvider timeProvider, string? fallbackCustomerId = null)
    {
        _database = database;
        _timeProvider = timeProvider;
        _fallbackCustomerId = string.IsNullOrWhiteSpace(fallbackCustomerId) ? null : fallbackCustomerId;
        database.EnsureSchema($"""
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS lots (id TEXT PRIMARY KEY, json TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS customers (id TEXT PRIMARY KEY, json TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS channel_users (channel_id TEXT NOT NULL, user_id TEXT NOT NULL, customer_id TEXT NOT NULL, PRIMARY KEY (channel_id, user_id));
            CREATE TABLE IF NOT EXISTS usages (id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, usage_date TEXT NOT NULL, json TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS season_passes (id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, json TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS operations (seq {database.SequenceKey}, id TEXT NOT NULL, json TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS command_results (key TEXT PRIMARY KEY, at TEXT NOT NULL, json TEXT NOT NULL);
            """);
    }

    /// <summary>Loads the seed data unless this store was seeded before (by any instance). Returns whether it seeded.</summary>
    public async Task<bool> SeedAsync(SeedData data, string source, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await _database.BeginWriteAsync(connection, cancellationToken);
        await _database.LockAsync(transaction, "parking/seed", cancellationToken);
        if (await ScalarAsync(connection, transaction, "SELECT value FROM meta WHERE key = 'seeded'") is not null)
        {
            return false;
        }
        foreach (var lot in data.Lots)
        {
            await InsertAsync(connection, transaction, "INSERT INTO lots (id, json) VALUES ($1, $2) ON CONFLICT DO NOTHING", lot.Id, DomainJson.Write(lot));
        }
        foreach (var customer in data.Customers)
        {
            await InsertAsync(connection, transaction, "INSERT INTO customers (id, json) VALUES ($1, $2) ON CONFLICT DO NOTHING", customer.Id, DomainJson.Write(customer));
            foreach (var user in customer.ChannelUsers)
            {
                await InsertAsync(connection, transaction, "INSERT INTO channel_users (channel_id, user_id, customer_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", user.ChannelId, user.UserId, customer.Id);
            }
        }
        foreach (var usage in data.Usages)
        {
            await InsertAsync(connection, transaction, "INSERT INTO usages (id, customer_id, usage_date, json) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                usage.Id, usage.CustomerId, usage.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), DomainJson.Write(usage));
        }
        foreach (var pass in data.SeasonPasses)
        {
            await InsertAsync(connection, transaction, "INSERT INTO season_passes (id, customer_id, json) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", pass.Id, pass.CustomerId, DomainJson.Write(pass));
        }
        await InsertAsync(connection, transaction, "INSERT INTO meta (key, value) VALUES ('seeded', $1)", $"{source} at {_timeProvider.GetUtcNow():O}");
        await transaction.CommitAsync(cancellationToken);
        _lots = null;
        return true;
    }

    public async Task<CustomerAccount?> FindCustomerAsync(string channelId, string userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var customerId = await ScalarAsync(connection, null, "SELECT customer_id FROM channel_users WHERE channel_id = $1 AND user_id = $2", channelId, userId)
            ?? _fallbackCustomerId;
        return customerId is null ? null : await ReadAsync<CustomerAccount>(connection, "SELECT json FROM customers WHERE id = $1", customerId);
    }

    public async Task<ParkingLot?> GetLotAsync(string lotId, CancellationToken cancellationToken = default) =>
        (await LotsAsync(cancellationToken)).ById.GetValueOrDefault(lotId);

    public async Task<IReadOnlyList<ParkingLot>> GetLotsAsync(CancellationToken cancellationToken = default) =>
        (await LotsAsync(cancellationToken)).All;

    /// <summary>
    /// The lots, read once: only the seed writes them (a release of the store's data, which every instance starts with),
    /// so they are read again only after this process seeded or while there are none yet.
    /// </summary>
    private async Task<LotCache> LotsAsync(CancellationToken cancellationToken)
    {
        if (_lots is { } cached)
        {
            return cached;
        }
        await using var connection = await _database.OpenAsync(cancellationToken);
        var all = await ReadAllAsync<ParkingLot>(connection, "SELECT json FROM lots ORDER BY id");
        var lots = new LotCache(all, all.ToDictionary(l => l.Id, StringComparer.Ordinal));
        if (all.Count > 0)
        {
            _lots = lots;
        }
        return lots;
    }

    private sealed record LotCache(IReadOnlyList<ParkingLot> All, IReadOnlyDictionary<string, ParkingLot> ById);

    public async Task<IReadOnlyList<Usage>> FindUsagesAsync(UsageQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var usages = await ReadAllAsync<Usage>(connection, "SELECT json FROM usages WHERE customer_id = $1 ORDER BY usage_date DESC, id", query.CustomerId);
        return usages.Where(u =>
                (query.Date is null || u.Date == query.Date)
                && (query.LotId is null || u.LotId == query.LotId)
                && (query.CarNumber is null || u.CarNumber == query.CarNumber)
                && (query.Kind is null || u.Kind == query.Kind))
            .ToList();
    }

    public async Task<IReadOnlyList<SeasonPass>> FindSeasonPassesAsync(string customerId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await ReadAllAsync<SeasonPass>(connection, "SELECT json FROM season_passes WHERE customer_id = $1 ORDER BY id", customerId);
    }

    public Task<OperationResult> ApplyTicketByWebDiscountAsync(string usageId, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        OnceAsync(idempotencyKey, (connection, transaction) => ChangeUsageAsync(connection, transaction, usageId, OperationKind.TicketApplied, (usage, lot) =>
            usage.Kind != UsageKind.Ticket ? OperationReason.NotATicket
            : lot.Closed ? OperationReason.LotClosed
            : !lot.WebDiscount ? OperationReason.LotHasNoWebDiscount
            : usage.TicketApplied ? OperationReason.AlreadyApplied
            : usage.Status is not (UsageStatus.Reserved or UsageStatus.InUse) ? OperationReason.NotInUse
            : null,
            usage => usage with { TicketApplied = true, Status = UsageStatus.InUse },
            "ticket registered to the car by web discount"));

    public Task<OperationResult> CancelInUsePickAsync(string usageId, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        OnceAsync(idempotencyKey, (connection, transaction) => ChangeUsageAsync(connection, transaction, usageId, OperationKind.PickCancelled, (usage, _) =>
            usage.Status is UsageStatus.Cancelled or UsageStatus.CancelledByCustomer ? OperationReason.AlreadyCancelled
            : usage.Status != UsageStatus.InUse ? OperationReason.NotInUse
            : null,
            usage => usage with { Status = UsageStatus.Cancelled, Amount = 0 },
            "in-use pick cancelled"));

    public Task<OperationResult> CloseValetAtZeroAsync(string usageId, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        OnceAsync(idempotencyKey, (connection, transaction) => ChangeUsageAsync(connection, transaction, usageId, OperationKind.ValetClosedAtZero, (usage, _) =>
            usage.Kind != UsageKind.Valet ? OperationReason.NotValet
            : usage.Status != UsageStatus.InUse ? OperationReason.NotInUse
            : usage.Amount != 0 ? OperationReason.FeeNotZero
            : null,
            usage => usage with { Status = UsageStatus.Completed, ExitAt = usage.ExitAt ?? _timeProvider.GetUtcNow() },
            "valet usage closed at 0 won"));

    public Task<OperationResult> FileEquipmentCheckAsync(string lotId, string reason, string? usageId = null, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        OnceAsync(idempotencyKey, async (connection, transaction) =>
            await ReadAsync<ParkingLot>(connection, "SELECT json FROM lots WHERE id = $1", lotId, transaction) is null
                ? OperationResult.Refused(OperationReason.LotNotFound)
                : OperationResult.Done(await RecordAsync(connection, transaction, OperationKind.EquipmentCheckFiled, usageId, lotId, reason)));

    public Task<OperationResult> RecordInternalRequestAsync(InternalRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        OnceAsync(idempotencyKey, async (connection, transaction) =>
            string.IsNullOrWhiteSpace(request.Topic) || string.IsNullOrWhiteSpace(request.Detail)
                ? OperationResult.Refused(OperationReason.EmptyRequest)
                : OperationResult.Done(await RecordAsync(connection, transaction, OperationKind.InternalRequestRecorded, request.UsageId, request.LotId, $"{request.Topic}: {request.Detail}")));

    /// <summary>Removes the remembered results of commands older than <paramref name="cutoff"/> (they will not be asked again).</summary>
    public async Task<int> RemoveCommandResultsBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(null, "DELETE FROM command_results WHERE at < $1", [cutoff.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)], cancellationToken);
    }

    public async Task<IReadOnlyList<OperationRecord>> GetOperationsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await ReadAllAsync<OperationRecord>(connection, "SELECT json FROM operations ORDER BY seq");
    }

    /// <summary>
    /// Runs a command in a write transaction. With a key, the command's result is stored with its change, and a
    /// key already stored returns that first result without running the command again.
    /// </summary>
    private async Task<OperationResult> OnceAsync(string? idempotencyKey, Func<DbConnection, DbTransaction, Task<OperationResult>> command)
    {
        await using var connection = await _database.OpenAsync();
        await using var transaction = await _database.BeginWriteAsync(connection);
        if (idempotencyKey is not null)
        {
            // Two runs of one turn on two instances: the second waits here, then finds the first one's result.
            await _database.LockAsync(transaction, idempotencyKey);
        }
        if (idempotencyKey is not null && await ScalarAsync(connection, transaction, "SELECT json FROM command_results WHERE key = $1", idempotencyKey) is { } first)
        {
            return DomainJson.Read<OperationResult>(first);
        }
        var result = await command(connection, transaction);
        if (idempotencyKey is not null)
        {
            await InsertAsync(connection, transaction, "INSERT INTO command_results (key, at, json) VALUES ($1, $2, $3)",
                idempotencyKey, _timeProvider.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture), DomainJson.Write(result));
        }
        await transaction.CommitAsync();
        return result;
    }

    /// <summary>Checks and changes one usage inside the command's write transaction, so two requests cannot both pass the check.</summary>
    private async Task<OperationResult> ChangeUsageAsync(DbConnection connection, DbTransaction transaction, string usageId, OperationKind kind,
        Func<Usage, ParkingLot, OperationReason?> refusal, Func<Usage, Usage> change, string detail)
    {
        var usage = await ReadAsync<Usage>(connection, $"SELECT json FROM usages WHERE id = $1{_database.ForUpdate}", usageId, transaction);
        if (usage is null)
        {
            return OperationResult.Refused(OperationReason.UsageNotFound);
        }
        var lot = await ReadAsync<ParkingLot>(connection, "SELECT json FROM lots WHERE id = $1", usage.LotId, transaction);
        if (lot is null)
        {
            return OperationResult.Refused(OperationReason.LotNotFound);
        }
        if (refusal(usage, lot) is { } reason)
        {
            return OperationResult.Refused(reason);
        }
        await InsertAsync(connection, transaction, "UPDATE usages SET json = $2 WHERE id = $1", usageId, DomainJson.Write(change(usage)));
        return OperationResult.Done(await RecordAsync(connection, transaction, kind, usageId, usage.LotId, detail));
    }

    private async Task<string> RecordAsync(DbConnection connection, DbTransaction? transaction, OperationKind kind, string? usageId, string? lotId, string detail)
    {
        var record = new OperationRecord($"op-{Guid.NewGuid():N}"[..15], kind, _timeProvider.GetUtcNow(), usageId, lotId, detail);
        await InsertAsync(connection, transaction, "INSERT INTO operations (id, json) VALUES ($1, $2)", record.Id, DomainJson.Write(record));
        return record.Id;
    }

    private static Task InsertAsync(DbConnection connection, DbTransaction? transaction, string sql, params object[] values) =>
        connection.ExecuteAsync(transaction, sql, values);

    private static Task<string?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, params object[] values) =>
        connection.ScalarAsync<string>(transaction, sql, values);

    private static async Task<T?> ReadAsync<T>(DbConnection connection, string sql, string id, DbTransaction? transaction = null) where T : class =>
        await ScalarAsync(connection, transaction, sql, id) is { } json ? DomainJson.Read<T>(json) : null;

    private static Task<List<T>> ReadAllAsync<T>(DbConnection connection, string sql, params object[] values) =>
        connection.QueryAsync(null, sql, values, reader => DomainJson.Read<T>(reader.GetString(0)));
}
