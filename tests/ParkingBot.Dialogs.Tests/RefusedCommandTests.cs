using Microsoft.Extensions.DependencyInjection;
using ParkingBot.Dialogs.Responses;
using ParkingBot.Dialogs.Tests.Infrastructure;
using ParkingBot.Handoff.Cases;
using ParkingBot.Handoff.Store;
using ParkingBot.Parking.Model;
using ParkingBot.Parking.Operations;
using ParkingBot.Testing;

namespace ParkingBot.Dialogs.Tests;

/// <summary>
/// The conversations in which the bot does something itself, played against a backend that refuses every command: the bot
/// never says it was done, explains, and hands the case to an agent with what was refused.
/// </summary>
public class RefusedCommandTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Transcripts");

    /// <summary>What the bot says only when its command succeeded.</summary>
    private static readonly string[] SuccessKeys =
    [
        ResponseKeys.ValetExitClosedAtZero.Name, ResponseKeys.UnusedCancelledInUse.Name, ResponseKeys.UnusedImprovement.Name,
        ResponseKeys.SeasonRegistrationRequested.Name, ResponseKeys.DoubleAirport.Name,
    ];

    [Theory]
    [InlineData("valet-exit-zero-won-closed.yaml")]
    [InlineData("unused-charge-in-use-cancelled.yaml")]
    [InlineData("unused-charge-reserved-nothing-charged.yaml")]
    [InlineData("unused-charge-direct-lot-unverified-car.yaml")]
    [InlineData("season-pass-call-button-registration.yaml")]
    [InlineData("season-pass-registered-camera-misread.yaml")]
    [InlineData("double-payment-incheon-airport.yaml")]
    public async Task A_refused_command_is_never_announced_as_done_and_goes_to_an_agent(string file)
    {
        var transcript = Transcript.Load(Path.Combine(Folder, file));
        var (client, services) = BotFactory.Create(transcript.Settings, userId: transcript.UserId, operations: inner => new RefusingOperations(inner));
        var said = new List<string?>();

        foreach (var step in transcript.Steps.Where(s => s.Join || s.User is not null || s.Attach is not null))
        {
            await (step.Join ? client.UserJoinsAsync() : step.User is { } text ? client.UserSaysAsync(text) : client.UserSendsAsync(Attached(step.Attach!)));
            while (client.GetNextReply() is { } reply)
            {
                said.Add(reply.ResponseKey());
            }
        }

        Assert.Contains(ResponseKeys.HandoffCommandRefused.Name, said);
        Assert.DoesNotContain(said, key => SuccessKeys.Contains(key));
        Assert.Empty(await services.GetRequiredService<IParkingOperations>().GetOperationsAsync());
        var handoffCase = Assert.Single(await services.GetRequiredService<IHandoffCaseStore>().ListRecentAsync(DateTimeOffset.MinValue));
        Assert.Equal([HandoffReason.BotFailure], handoffCase.Reasons);
        Assert.Contains(nameof(OperationReason.LotClosed), handoffCase.Summary);
    }

    private static Framework.Schema.Activity Attached(TranscriptAttachment file)
    {
        var message = Framework.Schema.Activity.CreateMessageActivity();
        message.Attachments = [new Framework.Schema.Attachment { Name = file.Name, ContentType = file.ContentType, ContentUrl = file.Url }];
        return message;
    }

    /// <summary>A backend that answers every lookup and refuses every command (as if the lot had just closed).</summary>
    private sealed class RefusingOperations(IParkingOperations inner) : IParkingOperations
    {
        private static Task<OperationResult> Refused() => Task.FromResult(OperationResult.Refused(OperationReason.LotClosed));

        public Task<CustomerAccount?> FindCustomerAsync(string channelId, string userId, CancellationToken cancellationToken = default) => inner.FindCustomerAsync(channelId, userId, cancellationToken);
        public Task<ParkingLot?> GetLotAsync(string lotId, CancellationToken cancellationToken = default) => inner.GetLotAsync(lotId, cancellationToken);
        public Task<IReadOnlyList<ParkingLot>> GetLotsAsync(CancellationToken cancellationToken = default) => inner.GetLotsAsync(cancellationToken);
        public Task<IReadOnlyList<Usage>> FindUsagesAsync(UsageQuery query, CancellationToken cancellationToken = default) => inner.FindUsagesAsync(query, cancellationToken);
        public Task<IReadOnlyList<SeasonPass>> FindSeasonPassesAsync(string customerId, CancellationToken cancellationToken = default) => inner.FindSeasonPassesAsync(customerId, cancellationToken);
        public Task<OperationResult> ApplyTicketByWebDiscountAsync(string usageId, string? idempotencyKey = null, CancellationToken cancellationToken = default) => Refused();
        public Task<OperationResult> CancelInUsePickAsync(string usageId, string? idempotencyKey = null, CancellationToken cancellationToken = default) => Refused();
        public Task<OperationResult> CloseValetAtZeroAsync(string usageId, string? idempotencyKey = null, CancellationToken cancellationToken = default) => Refused();
        public Task<OperationResult> FileEquipmentCheckAsync(string lotId, string reason, string? usageId = null, string? idempotencyKey = null, CancellationToken cancellationToken = default) => Refused();
        public Task<OperationResult> RecordInternalRequestAsync(InternalRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default) => Refused();
        public Task<IReadOnlyList<OperationRecord>> GetOperationsAsync(CancellationToken cancellationToken = default) => inner.GetOperationsAsync(cancellationToken);
    }
}
