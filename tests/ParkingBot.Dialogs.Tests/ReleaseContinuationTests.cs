using System.Text.Json.Nodes;
using ParkingBot.Dialogs.Tests.Infrastructure;
using ParkingBot.Framework.Storage;
using ParkingBot.Testing;

namespace ParkingBot.Dialogs.Tests;

/// <summary>
/// Conversations that are mid-flow when a new release starts: the state the previous release saved goes on as if nothing
/// happened; a release that changed the steps under a running conversation asks nothing the customer already answered;
/// a flow the release renamed goes on under its new name instead of failing.
/// </summary>
public class ReleaseContinuationTests
{
    private static readonly string Transcripts = Path.Combine(AppContext.BaseDirectory, "Transcripts");
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "ReleaseFixtures");

    public static TheoryData<string> FixtureFiles() => [.. Directory.GetFiles(Fixtures, "*.json").Select(f => Path.GetFileName(f)).Order()];

    public static TheoryData<string> TranscriptFiles() => [.. Directory.GetFiles(Transcripts, "*.yaml").Select(f => Path.GetFileName(f)).Order()];

    /// <summary>
    /// Every point of every transcript where a dialog was running, as the previous release saved it: the customer's
    /// steps up to that point run (so the backend holds what they did), the saved state replaces the conversation's, and
    /// the rest of the transcript must follow to the letter.
    /// </summary>
    [Theory]
    [MemberData(nameof(FixtureFiles))]
    [Trait(TestClock.Trait, TestClock.Dated)]
    public async Task A_conversation_saved_by_the_previous_release_goes_on_where_it_stopped(string fixtureFile)
    {
        var fixture = JsonNode.Parse(TestClock.Expand(await File.ReadAllTextAsync(Path.Combine(Fixtures, fixtureFile))))!;
        var file = (string)fixture["transcript"]!;
        var transcript = Transcript.Load(Path.Combine(Transcripts, file));
        Assert.NotEmpty(fixture["states"]!.AsArray());

        foreach (var saved in fixture["states"]!.AsArray())
        {
            var afterStep = (int)saved!["afterStep"]!;
            var storage = new MemoryStorage();
            var bot = BotFactory.Create(transcript.Settings, storage, transcript.UserId);
            await SendCustomerStepsAsync(bot.Client, transcript, upTo: afterStep);
            await ReplaceConversationStateAsync(storage, bot.Client, saved["conversationState"]!.AsObject());

            await TranscriptPlayer.PlayAsync($"{file} (saved after step {afterStep + 1})", transcript, bot, from: afterStep + 1);
        }
    }

    /// <summary>
    /// Before every customer message a release changes the steps of every running waterfall: each restarts from its first
    /// step and replays the answers, and the conversation goes on exactly as the transcript says (nothing asked or said twice).
    /// </summary>
    [Theory]
    [MemberData(nameof(TranscriptFiles))]
    public async Task Transcript_with_a_release_that_changes_every_flow_before_every_customer_message(string file)
    {
        var transcript = Transcript.Load(Path.Combine(Transcripts, file));
        var storage = new MemoryStorage();
        var bot = BotFactory.Create(transcript.Settings, storage, transcript.UserId);

        await TranscriptPlayer.PlayAsync(file, transcript, bot, beforeCustomerStep: () => ChangeEveryFlowAsync(storage, bot.Client));
    }

    [Fact]
    public async Task A_flow_the_release_renamed_goes_on_without_the_opening_or_asking_who_the_customer_is()
    {
        const string file = "ticket-not-applied-outbound-planned.yaml";
        var transcript = Transcript.Load(Path.Combine(Transcripts, file));
        var storage = new MemoryStorage();
        var (client, services) = BotFactory.Create(transcript.Settings, storage, transcript.UserId);
        foreach (var text in new[] { "주차권 적용 안 됨", "네", "어제", "네" })
        {
            await client.UserSaysAsync(text);
        }
        Assert.Equal("carNumber.confirm", Replies(client).Last());
        await EditConversationStateAsync(storage, client, state => Rename(state, "TicketNotAppliedDialog", "TicketNotAppliedDialogBeforeRelease"));

        await client.UserSaysAsync("네");

        Assert.Equal(["release.continue", "usage.confirmWithAmount"], Replies(client));
        await client.UserSaysAsync("네");
        Assert.Equal(["carNumber.confirm"], Replies(client));
        await client.UserSaysAsync("네");
        Assert.Equal(["ticket.situation", "ticket.askImmediateExit"], Replies(client));
    }

    [Fact]
    public async Task A_question_the_release_renamed_is_asked_again_and_the_flow_goes_on()
    {
        var (client, storage) = await TicketFlowAtTheImmediateExitQuestionAsync();
        await EditConversationStateAsync(storage, client, state => Rename(state, "immediateExit", "leavingImmediately"));

        await client.UserSaysAsync("아니요");

        Assert.Equal(["ticket.situation", "ticket.askImmediateExit"], Replies(client));
        await client.UserSaysAsync("아니요");
        Assert.Equal(["ticket.askPlannedExit"], Replies(client));
    }

    [Fact]
    public async Task A_main_dialog_the_release_renamed_starts_the_conversation_again_politely()
    {
        var (client, storage) = await TicketFlowAtTheImmediateExitQuestionAsync();
        await EditConversationStateAsync(storage, client, state => Rename(state, "MainDialog", "MainDialogBeforeRelease"));

        await client.UserSaysAsync("안녕하세요");

        Assert.Equal("menu.prompt", Replies(client).Last());
    }

    private static async Task<(DialogTestClient Client, MemoryStorage Storage)> TicketFlowAtTheImmediateExitQuestionAsync()
    {
        var storage = new MemoryStorage();
        var (client, _) = BotFactory.Create(null, storage);
        foreach (var text in new[] { "주차권 적용 안 됨", "네", "어제", "네", "네" })
        {
            await client.UserSaysAsync(text);
        }
        Assert.Equal("ticket.askImmediateExit", Replies(client).Last());
        return (client, storage);
    }

    private static List<string?> Replies(DialogTestClient client)
    {
        var keys = new List<string?>();
        while (client.GetNextReply() is { } reply)
        {
            if (reply.Type == "message")
            {
                keys.Add(reply.ResponseKey());
            }
        }
        return keys;
    }

    /// <summary>The customer's steps up to and including <paramref name="upTo"/>; the replies to the last stay queued for the player.</summary>
    private static async Task SendCustomerStepsAsync(DialogTestClient client, Transcript transcript, int upTo)
    {
        foreach (var step in transcript.Steps.Take(upTo + 1).Where(s => s.Join || s.User is not null || s.Attach is not null))
        {
            while (client.GetNextReply() is not null)
            {
            }
            await (step.Join ? client.UserJoinsAsync()
                : step.Attach is { } sent ? client.UserSendsAsync(TranscriptPlayer.WithAttachment(sent))
                : client.UserSaysAsync(step.User!));
        }
    }

    private static string KeyOf(DialogTestClient client) => $"test/conversations/{client.ConversationId}";

    private static async Task ReplaceConversationStateAsync(IStorage storage, DialogTestClient client, JsonObject saved) =>
        await storage.WriteAsync(new Dictionary<string, StoreItem> { [KeyOf(client)] = new(saved.DeepClone().AsObject(), "*") });

    private static async Task EditConversationStateAsync(IStorage storage, DialogTestClient client, Action<JsonObject> edit)
    {
        var item = (await storage.ReadAsync([KeyOf(client)]))[KeyOf(client)];
        edit(item.Document);
        await storage.WriteAsync(new Dictionary<string, StoreItem> { [KeyOf(client)] = item });
    }

    /// <summary>
    /// Marks the waterfall of every running flow, the main dialog's and the identity check's as saved by a release with
    /// other steps. The usage search is left as it is: it is restarted after the answer the customer is giving, whose slots
    /// can change its path (a choice answered by naming the lot becomes one usage to confirm), which the Framework tests
    /// cover with a flow of its own.
    /// </summary>
    private static async Task ChangeEveryFlowAsync(IStorage storage, DialogTestClient client)
    {
        if ((await storage.ReadAsync([KeyOf(client)])).Count == 0)
        {
            return;
        }
        await EditConversationStateAsync(storage, client, state =>
        {
            foreach (var entry in Descendants(state["DialogState"]).OfType<JsonObject>()
                         .Where(o => o["id"] is JsonValue && (string)o["id"]! != "findUsage.steps" && o["state"]?["version"] is JsonValue))
            {
                entry["state"]!["version"] = "changed-release";
            }
        });
    }

    /// <summary>Renames every stack entry with id <paramref name="from"/> (and its own waterfall, "{from}.steps").</summary>
    private static void Rename(JsonObject state, string from, string to)
    {
        foreach (var entry in Descendants(state["DialogState"]).OfType<JsonObject>().Where(o => o["id"] is JsonValue).ToList())
        {
            var id = (string)entry["id"]!;
            if (id == from || id == $"{from}.steps")
            {
                entry["id"] = id.Replace(from, to, StringComparison.Ordinal);
            }
        }
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode? node)
    {
        if (node is null)
        {
            yield break;
        }
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children)
        {
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }
}
