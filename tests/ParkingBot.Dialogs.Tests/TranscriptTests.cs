using Microsoft.Extensions.DependencyInjection;
using ParkingBot.Dialogs.Tests.Infrastructure;
using ParkingBot.Parking.Operations;
using ParkingBot.Testing;

namespace ParkingBot.Dialogs.Tests;

/// <summary>Runs every conversation in Transcripts/*.yaml against the real bot.</summary>
public class TranscriptTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Transcripts");

    public static TheoryData<string> Files() => [.. Directory.GetFiles(Folder, "*.yaml").Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(Files))]
    [Trait(TestClock.Trait, TestClock.Dated)]
    public Task Transcript(string file)
    {
        var transcript = Infrastructure.Transcript.Load(Path.Combine(Folder, file));
        return TranscriptPlayer.PlayAsync(file, transcript, BotFactory.Create(transcript.Settings, userId: transcript.UserId));
    }

    /// <summary>
    /// The same conversation through the real turn runner, where every turn's first save meets a concurrent change and the
    /// turn runs again: every side effect (port commands, handoff cases, transcript lines) happens once and the replies are
    /// those of a single run.
    /// </summary>
    [Theory]
    [MemberData(nameof(Files))]
    public async Task Transcript_with_every_turn_run_twice(string file)
    {
        var transcript = Infrastructure.Transcript.Load(Path.Combine(Folder, file));
        var storage = new ConflictingStorage(new Framework.Storage.MemoryStorage());
        var (client, services) = BotFactory.Create(transcript.Settings, storage, transcript.UserId, throughTurnRunner: true);

        await TranscriptPlayer.PlayAsync(file, transcript, (client, services));

        Assert.True(storage.Conflicts > 0);
        var cases = await services.GetRequiredService<ParkingBot.Handoff.Store.IHandoffCaseStore>().ListRecentAsync(DateTimeOffset.MinValue);
        Assert.True(cases.Count <= 1, $"{file}: {cases.Count} cases were opened for one conversation");
        var lines = await services.GetRequiredService<ParkingBot.Handoff.Relay.ConversationTranscripts>().ReadAsync($"test/{client.ConversationId}");
        Assert.Equal(lines.Count, lines.Select(l => l.Key).Distinct().Count());
    }
}
