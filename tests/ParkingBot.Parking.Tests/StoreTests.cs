using ParkingBot.Data;
using ParkingBot.Parking.Model;
using ParkingBot.Parking.Operations;
using ParkingBot.Parking.Seed;
using ParkingBot.Parking.Store;
using ParkingBot.Testing;

namespace ParkingBot.Parking.Tests;

/// <summary>The operations store on a real database, seeded from the real demo data; a subclass per engine.</summary>
public abstract class StoreTests(TestDatabase database) : IDisposable
{
    private static readonly string DemoData = Path.Combine(AppContext.BaseDirectory, "Seed", "demo-data.json");
    private readonly Clock _clock = new();

    private SqlParkingOperations Open(string? fallback = null) => new(database.Database, _clock, fallback);

    private async Task<SqlParkingOperations> SeededAsync(string? fallback = null)
    {
        var store = Open(fallback);
        await store.SeedAsync(SeedReader.Read(DemoData, _clock.GetUtcNow()), DemoData);
        return store;
    }

    [Fact]
    public async Task The_demo_data_seeds_and_days_are_relative_to_the_seeding_day()
    {
        var store = await SeededAsync();

        var customer = await store.FindCustomerAsync("test", "test-user");
        var usages = await store.FindUsagesAsync(new UsageQuery("cust-demo") { Date = new DateOnly(2026, 11, 20) });

        Assert.Equal("010-****-6789", customer!.MaskedPhone);
        Assert.Contains(usages, u => u.Id == "u-ticket-webdiscount" && u.EntryAt == new DateTimeOffset(2026, 11, 20, 10, 12, 0, TimeSpan.FromHours(9)));
    }

    [Fact]
    public async Task Lots_are_read_from_the_database_once_and_again_only_after_a_seed()
    {
        var unseeded = Open();
        Assert.Empty(await unseeded.GetLotsAsync());
        await unseeded.SeedAsync(SeedReader.Read(DemoData, _clock.GetUtcNow()), DemoData);
        var lots = await unseeded.GetLotsAsync();
        Assert.NotEmpty(lots);

        await using (var connection = await database.Database.OpenAsync())
        {
            await connection.ExecuteAsync(null, "DELETE FROM lots", []);
        }

        Assert.Equal(lots.Select(l => l.Id), (await unseeded.GetLotsAsync()).Select(l => l.Id));
        Assert.Equal(lots[0], await unseeded.GetLotAsync(lots[0].Id));
        Assert.Null(await unseeded.GetLotAsync("no-such-lot"));
        Assert.Empty(await Open().GetLotsAsync());
    }

    [Fact]
    public async Task A_command_asked_again_with_its_key_returns_its_first_result_and_changes_nothing_more()
    {
        var store = await SeededAsync();

        var first = await store.CancelInUsePickAsync("u-unused-in-use", "emulator/c1/a1/unused.cancelPick");
        var replayed = await store.CancelInUsePickAsync("u-unused-in-use", "emulator/c1/a1/unused.cancelPick");
        var anotherTurn = await store.CancelInUsePickAsync("u-unused-in-use", "emulator/c1/a2/unused.cancelPick");
        var requests = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            store.RecordInternalRequestAsync(new InternalRequest("정기권 등록", "12가3456"), "emulator/c1/a3/season.registration")));

        Assert.True(first.Succeeded);
        Assert.Equal(first, replayed);
        Assert.Equal(OperationReason.AlreadyCancelled, anotherTurn.Reason);
        Assert.Single(requests.Select(r => r.Reference).Distinct());
        Assert.Equal([OperationKind.PickCancelled, OperationKind.InternalRequestRecorded], (await store.GetOperationsAsync()).Select(o => o.Kind));
    }

    [Fact]
    public async Task Seeding_twice_does_not_duplicate_and_keeps_what_happened_since()
    {
        var store = await SeededAsync();
        await store.CancelInUsePickAsync("u-unused-in-use");

        var again = await store.SeedAsync(SeedReader.Read(DemoData, _clock.GetUtcNow()), DemoData);
        var reopened = Open();
        var all = await reopened.FindUsagesAsync(new UsageQuery("cust-demo"));

        Assert.False(again);
        Assert.Equal(all.Count, all.Select(u => u.Id).Distinct().Count());
        Assert.Equal(UsageStatus.Cancelled, all.Single(u => u.Id == "u-unused-in-use").Status);
    }

    [Fact]
    public async Task Usages_are_found_by_date_lot_car_and_kind()
    {
        var store = await SeededAsync();

        var valets = await store.FindUsagesAsync(new UsageQuery("cust-demo") { Kind = UsageKind.Valet });
        var coexValets = await store.FindUsagesAsync(new UsageQuery("cust-demo") { Kind = UsageKind.Valet, LotId = "lot-coex", CarNumber = "78버1234" });

        Assert.Equal(4, valets.Count);
        Assert.Equal("u-valet-sold-car", Assert.Single(coexValets).Id);
    }

    [Fact]
    public async Task An_unknown_channel_user_is_the_fallback_customer_only_when_one_is_configured()
    {
        var withoutFallback = await SeededAsync();
        var withFallback = Open("cust-demo");

        Assert.Null(await withoutFallback.FindCustomerAsync("emulator", "someone"));
        Assert.Equal("cust-demo", (await withFallback.FindCustomerAsync("emulator", "someone"))!.Id);
        Assert.Equal("cust-seasonpass", (await withFallback.FindCustomerAsync("test", "season-user"))!.Id);
    }

    [Fact]
    public async Task Every_lot_is_listed_with_the_short_names_customers_call_it_by()
    {
        var lots = await (await SeededAsync()).GetLotsAsync();

        Assert.Equal(11, lots.Count);
        Assert.Contains("IFC", lots.Single(l => l.Id == "lot-yeouido").Aliases);
        Assert.Equal(["lot-gimpo-valet", "lot-icn"], lots.Where(l => l.Aliases.Contains("공항")).Select(l => l.Id).Order());
    }

    [Theory]
    [InlineData("u-ticket-webdiscount", OperationReason.Done)]
    [InlineData("u-ticket-outbound", OperationReason.LotHasNoWebDiscount)]
    [InlineData("u-unused-in-use", OperationReason.NotATicket)]
    [InlineData("u-ticket-cancelled-outside-window", OperationReason.NotInUse)]
    [InlineData("no-such-usage", OperationReason.UsageNotFound)]
    public async Task Applying_a_ticket_by_web_discount(string usageId, OperationReason reason) =>
        Assert.Equal(reason, (await (await SeededAsync()).ApplyTicketByWebDiscountAsync(usageId)).Reason);

    [Fact]
    public async Task A_ticket_is_applied_once_and_the_operation_is_recorded()
    {
        var store = await SeededAsync();

        var first = await store.ApplyTicketByWebDiscountAsync("u-ticket-webdiscount");
        var second = await store.ApplyTicketByWebDiscountAsync("u-ticket-webdiscount");

        Assert.True(first.Succeeded);
        Assert.Equal(OperationReason.AlreadyApplied, second.Reason);
        var record = Assert.Single(await store.GetOperationsAsync());
        Assert.Equal((OperationKind.TicketApplied, "u-ticket-webdiscount", first.Reference), (record.Kind, record.UsageId, record.Id));
    }

    [Theory]
    [InlineData("u-unused-in-use", OperationReason.Done)]
    [InlineData("u-unused-completed", OperationReason.NotInUse)]
    [InlineData("u-unused-outstanding", OperationReason.NotInUse)]
    [InlineData("u-unused-customer-cancelled", OperationReason.AlreadyCancelled)]
    [InlineData("nope", OperationReason.UsageNotFound)]
    public async Task Cancelling_an_in_use_pick(string usageId, OperationReason reason) =>
        Assert.Equal(reason, (await (await SeededAsync()).CancelInUsePickAsync(usageId)).Reason);

    [Fact]
    public async Task Of_two_simultaneous_cancels_exactly_one_succeeds()
    {
        var store = await SeededAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.CancelInUsePickAsync("u-unused-in-use"))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(OperationReason.AlreadyCancelled, r.Reason));
    }

    [Theory]
    [InlineData("u-valet-exit-zero", OperationReason.Done)]
    [InlineData("u-valet-exit-fee", OperationReason.FeeNotZero)]
    [InlineData("u-valet-mistyped", OperationReason.NotInUse)]
    [InlineData("u-unused-in-use", OperationReason.NotValet)]
    public async Task Closing_a_valet_usage_at_zero_won(string usageId, OperationReason reason) =>
        Assert.Equal(reason, (await (await SeededAsync()).CloseValetAtZeroAsync(usageId)).Reason);

    [Fact]
    public async Task Equipment_checks_and_internal_requests_are_recorded_or_refused()
    {
        var store = await SeededAsync();

        var check = await store.FileEquipmentCheckAsync("lot-gangnam", "LPR misread 34나5678", "u-unused-in-use");
        var unknownLot = await store.FileEquipmentCheckAsync("lot-nowhere", "x");
        var request = await store.RecordInternalRequestAsync(new InternalRequest("정기권 등록 요청", "서울56다7890 at lot-jongno", LotId: "lot-jongno"));
        var empty = await store.RecordInternalRequestAsync(new InternalRequest("", " "));

        Assert.True(check.Succeeded && request.Succeeded);
        Assert.Equal((OperationReason.LotNotFound, OperationReason.EmptyRequest), (unknownLot.Reason, empty.Reason));
        Assert.Equal([OperationKind.EquipmentCheckFiled, OperationKind.InternalRequestRecorded], (await store.GetOperationsAsync()).Select(o => o.Kind));
    }

    [Fact]
    public async Task Instances_starting_together_seed_once()
    {
        var data = SeedReader.Read(DemoData, _clock.GetUtcNow());

        var seeded = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Open().SeedAsync(data, DemoData))));

        Assert.Single(seeded, s => s);
        Assert.Equal(11, (await Open().GetLotsAsync()).Count);
    }

    [Fact]
    public async Task One_keyed_command_run_by_two_instances_at_once_runs_once()
    {
        await SeededAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => Open().CancelInUsePickAsync("u-unused-in-use", "directline/c1/a1/unused.cancelPick"))));

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Single(results.Select(r => r.Reference).Distinct());
        Assert.Single(await Open().GetOperationsAsync());
    }

    public void Dispose() => database.Dispose();
}

public sealed class SqliteStoreTests() : StoreTests(TestDatabase.Sqlite());

public sealed class PostgresStoreTests() : StoreTests(TestDatabase.Postgres());
