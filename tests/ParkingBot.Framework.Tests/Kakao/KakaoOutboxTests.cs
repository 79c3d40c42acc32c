using ParkingBot.Framework.Kakao;
using ParkingBot.Framework.Schema;
using ParkingBot.Testing;

namespace ParkingBot.Framework.Tests.Kakao;

/// <summary>The KakaoTalk outbox in a real database: kept replies, and callbacks posted at most once; a subclass per engine.</summary>
public abstract class KakaoOutboxTests(TestDatabase database) : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly Uri Url = new("https://bot-api.kakao.com/callback/1");

    private static Activity Message(string text) => Activity.CreateMessageActivity(text);

    [Fact]
    public async Task Kept_replies_are_taken_once_in_order_and_only_by_their_customer()
    {
        var outbox = new KakaoOutbox(database.Database);
        await outbox.KeepAsync("u1", [Message("하나"), Message("둘")], Now);
        await outbox.KeepAsync("u2", [Message("다른 고객")], Now);
        await outbox.KeepAsync("u1", [Message("셋")], Now);

        var taken = await new KakaoOutbox(database.Database).TakeAsync("u1");

        Assert.Equal(["하나", "둘", "셋"], taken.Select(a => a.Text));
        Assert.Empty(await outbox.TakeAsync("u1"));
        Assert.Equal(["다른 고객"], (await outbox.TakeAsync("u2")).Select(a => a.Text));
    }

    [Fact]
    public async Task Replies_kept_for_a_customer_who_never_came_back_go_with_the_retention_sweep_unless_their_conversation_is_kept()
    {
        var outbox = new KakaoOutbox(database.Database);
        await outbox.KeepAsync("gone", [Message("오래된 답")], Now.AddDays(-40));
        await outbox.KeepAsync("kept", [Message("상담 중인 고객")], Now.AddDays(-40));
        await outbox.KeepAsync("recent", [Message("어제 답")], Now.AddDays(-1));

        var removed = await outbox.RemoveIdleAsync(Now.AddDays(-30), new HashSet<string> { "kakao/kept" });

        Assert.Equal(1, removed);
        Assert.Empty(await outbox.TakeAsync("gone"));
        Assert.Single(await outbox.TakeAsync("kept"));
        Assert.Single(await outbox.TakeAsync("recent"));
    }

    [Fact]
    public async Task A_ready_callback_is_claimed_once_and_not_after_its_time()
    {
        var outbox = new KakaoOutbox(database.Database);
        await outbox.OpenCallbackAsync("c1", "u1", Url, Now.AddSeconds(55), Now);
        await outbox.OpenCallbackAsync("c2", "u1", Url, Now.AddSeconds(55), Now);
        Assert.Empty(await outbox.ClaimAsync("c1", Now));

        Assert.True(await outbox.CompleteCallbackAsync("c1", [Message("주차장 이름을 말씀해 주세요")], Now.AddSeconds(1)));
        Assert.True(await outbox.CompleteCallbackAsync("c2", [Message("늦은 답")], Now.AddSeconds(1)));
        var claimed = await outbox.ClaimAsync("c1", Now.AddSeconds(2));
        var again = await outbox.ClaimAsync("c1", Now.AddSeconds(2));
        var late = await outbox.ClaimAsync(null, Now.AddSeconds(56));

        var callback = Assert.Single(claimed);
        Assert.Equal(("c1", "u1", Url), (callback.Id, callback.UserId, callback.Url));
        Assert.Equal(["주차장 이름을 말씀해 주세요"], callback.Replies!.Select(a => a.Text));
        Assert.Empty(again);
        Assert.Empty(late);
        Assert.Equal(CallbackState.Sending, await outbox.StateAsync("c1"));
    }

    [Fact]
    public async Task Callbacks_past_their_time_or_stuck_while_posting_fail_with_their_replies()
    {
        var outbox = new KakaoOutbox(database.Database);
        await outbox.OpenCallbackAsync("ready", "u1", Url, Now.AddSeconds(55), Now);
        await outbox.CompleteCallbackAsync("ready", [Message("준비된 답")], Now.AddSeconds(1));
        await outbox.OpenCallbackAsync("waiting", "u2", Url, Now.AddSeconds(55), Now);
        await outbox.OpenCallbackAsync("stuck", "u3", Url, Now.AddSeconds(55), Now);
        await outbox.CompleteCallbackAsync("stuck", [Message("보내다 멈춘 답")], Now.AddSeconds(1));
        await outbox.ClaimAsync("stuck", Now.AddSeconds(2));

        var early = await outbox.ExpireAsync(Now.AddSeconds(10), TimeSpan.FromSeconds(30));
        var expired = await outbox.ExpireAsync(Now.AddSeconds(60), TimeSpan.FromSeconds(30));
        var completedLate = await outbox.CompleteCallbackAsync("waiting", [Message("너무 늦은 답")], Now.AddSeconds(61));

        Assert.Empty(early);
        Assert.Equal(["ready", "stuck", "waiting"], expired.Select(c => c.Id).Order());
        Assert.Equal(["준비된 답"], expired.Single(c => c.Id == "ready").Replies!.Select(a => a.Text));
        Assert.Null(expired.Single(c => c.Id == "waiting").Replies);
        Assert.False(completedLate);
        Assert.Equal(CallbackState.Failed, await outbox.StateAsync("stuck"));
    }

    [Fact]
    public async Task Instances_claiming_at_once_never_post_the_same_callback_twice()
    {
        var outboxes = new[] { new KakaoOutbox(database.Database), new KakaoOutbox(database.Database) };
        for (var i = 0; i < 30; i++)
        {
            await outboxes[0].OpenCallbackAsync($"c{i}", "u1", Url, Now.AddSeconds(55), Now);
            await outboxes[0].CompleteCallbackAsync($"c{i}", [Message($"답 {i}")], Now);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => outboxes[i % 2].ClaimAsync(null, Now.AddSeconds(1)))));

        var ids = claims.SelectMany(c => c).Select(c => c.Id).ToList();
        Assert.Equal(30, ids.Count);
        Assert.Equal(30, ids.Distinct().Count());
    }

    public void Dispose() => database.Dispose();
}

public sealed class SqliteKakaoOutboxTests() : KakaoOutboxTests(TestDatabase.Sqlite());

public sealed class PostgresKakaoOutboxTests() : KakaoOutboxTests(TestDatabase.Postgres());
