using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using ParkingBot.Handoff.Notifications;
using ParkingBot.Testing;
using ParkingBot.Data;

namespace ParkingBot.Handoff.Tests;

/// <summary>The follow-up outbox on a real database and a real webhook on loopback; a subclass per engine.</summary>
public abstract class NotificationTests(TestDatabase database) : IDisposable
{
    private SqlDatabase Database => database.Database;

    [Fact]
    public async Task Without_a_webhook_follow_ups_wait_in_the_outbox()
    {
        var outbox = new NotificationOutbox(Database, TimeProvider.System);

        var sender = new OutboxNotificationSender(outbox);
        var queue = sender.Queue(new Notification("H1", "u1", "확인 결과 주차권이 적용되었습니다."));
        await using (var connection = await Database.OpenAsync())
        {
            await connection.ExecuteAsync(null, queue.Sql, queue.Values, default);
        }
        sender.Queued();

        var entry = Assert.Single(await outbox.ListAsync());
        Assert.Equal((NotificationState.Outbox, "H1"), (entry.State, entry.Notification.CaseId));
    }

    [Fact]
    public async Task A_failing_webhook_is_retried_with_backoff_and_nothing_is_lost_across_a_restart()
    {
        var received = new ConcurrentQueue<JsonElement>();
        var failuresLeft = 1;
        await using var receiver = await LoopbackServer.StartAsync(_ => { }, app => app.MapPost("/hook", async (HttpContext context) =>
        {
            if (Interlocked.Decrement(ref failuresLeft) >= 0)
            {
                return Results.StatusCode(503);
            }
            received.Enqueue(await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body));
            return Results.Ok();
        }));
        var clock = new Clock();
        var hook = new Uri(receiver.BaseAddress, "/hook");
        var first = new NotificationOutbox(Database, clock);
        await first.AddAsync(new Notification("H1", "u1", "안내 문자"), NotificationState.Pending);

        using var http = new HttpClient();
        var delivered = await new WebhookDelivery(first, http, hook, clock, NullLogger<WebhookDelivery>.Instance).DeliverDueAsync(default);
        var afterFailure = Assert.Single(await first.ListAsync());

        // The process restarts: a new outbox over the same database, later than the backoff.
        var restarted = new NotificationOutbox(Database, clock);
        var tooEarly = await new WebhookDelivery(restarted, http, hook, clock, NullLogger<WebhookDelivery>.Instance).DeliverDueAsync(default);
        clock.Advance(TimeSpan.FromSeconds(3));
        var retried = await new WebhookDelivery(restarted, http, hook, clock, NullLogger<WebhookDelivery>.Instance).DeliverDueAsync(default);

        Assert.Equal((0, 0, 1), (delivered, tooEarly, retried));
        Assert.Equal((NotificationState.Pending, 1), (afterFailure.State, afterFailure.Attempts));
        Assert.Equal(NotificationState.Delivered, Assert.Single(await restarted.ListAsync()).State);
        Assert.Equal("안내 문자", Assert.Single(received).GetProperty("text").GetString());
    }

    [Fact]
    public async Task Instances_claiming_at_once_each_get_different_follow_ups_and_a_claimed_one_waits_for_its_lease()
    {
        var clock = new Clock();
        var instances = Enumerable.Range(0, 3).Select(_ => new NotificationOutbox(Database, clock)).ToList();
        for (var i = 0; i < 60; i++)
        {
            await instances[0].AddAsync(new Notification($"H{i}", "u1", "안내"), NotificationState.Pending);
        }

        var claims = await Task.WhenAll(instances.Select(outbox => Task.Run(() => outbox.ClaimDueAsync())));
        var claimedAgain = await instances[1].ClaimDueAsync();
        clock.Advance(NotificationOutbox.ClaimLease + TimeSpan.FromSeconds(1));
        var afterTheLease = await instances[2].ClaimDueAsync();

        var ids = claims.SelectMany(claim => claim.Select(entry => entry.Id)).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(60, ids.Count + claimedAgain.Count);
        Assert.Equal(60, afterTheLease.Count + (await instances[0].ClaimDueAsync()).Count);
    }

    public void Dispose() => database.Dispose();

    private sealed class Clock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 20, 6, 0, 0, TimeSpan.Zero);

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}

public sealed class SqliteNotificationTests() : NotificationTests(TestDatabase.Sqlite());

public sealed class PostgresNotificationTests() : NotificationTests(TestDatabase.Postgres());
