using System.Text.Json.Nodes;
using ParkingBot.Framework.Dialogs;

namespace ParkingBot.Dialogs.Understanding;

/// <summary>
/// What the bot is waiting for, in words a designer reads (the designer trace's <c>expecting</c>). Every question
/// a dialog asks is a prompt whose id is one of these, so the innermost dialog on the stack names the question.
/// </summary>
public static class Expecting
{
    public const string Topic = "topic";
    public const string Identity = "identity";
    public const string UsageDate = "usageDate";
    public const string UsageConfirm = "usageConfirm";
    public const string UsageChoice = "usageChoice";
    public const string CarConfirm = "carConfirm";
    public const string EntryTime = "entryTime";
    public const string ImmediateExit = "immediateExit";
    public const string PlannedExit = "plannedExit";
    public const string Lot = "lot";

    /// <summary>Which of several lots a name may be; designers see it as <see cref="Lot"/>.</summary>
    public const string LotChoice = "lotChoice";
    public const string PassChoice = "passChoice";
    public const string LeavingNow = "leavingNow";
    public const string CallButton = "callButton";
    public const string PaidOnSite = "paidOnSite";
    public const string Receipt = "receipt";
    public const string Records = "records";
    public const string LotCheckConsent = "lotCheckConsent";
    public const string AnythingElse = "anythingElse";
    public const string ContinueAfterHelp = "continueAfterHelp";
    public const string ConfirmEnd = "confirmEnd";

    /// <summary>The CSAT rating after the closing question, and the comment that may follow it.</summary>
    public const string Rating = "rating";
    public const string Comment = "comment";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Topic, Identity, UsageDate, UsageConfirm, UsageChoice, CarConfirm, EntryTime, ImmediateExit, PlannedExit, Lot,
        PassChoice, LeavingNow, CallButton, PaidOnSite, Receipt, Records, LotCheckConsent, AnythingElse, ContinueAfterHelp, ConfirmEnd, Rating, Comment,
    };

    /// <summary>Questions asked once the usage is settled: a new day or car there means looking it up again.</summary>
    public static readonly IReadOnlySet<string> AfterUsageLookup = new HashSet<string>(StringComparer.Ordinal)
    {
        UsageConfirm, UsageChoice, CarConfirm, EntryTime, ImmediateExit, PlannedExit, PaidOnSite, Receipt, Records,
    };

    /// <summary>The question the innermost dialog of <paramref name="state"/> asks, or null (no question, or not a named one).</summary>
    public static string? Of(DialogState state) =>
        state.DialogStack.Count > 0 && state.DialogStack[0] is JsonObject top ? Named(Innermost((string)top["id"]!, top["state"])) : null;

    /// <summary>The question the innermost dialog below <paramref name="dc"/>'s active dialog asks, or null.</summary>
    public static string? Of(DialogContext dc) =>
        dc.ActiveDialog is { } active ? Named(Innermost(active.Id, active.State)) : null;

    private static string? Named(string id) => id == LotChoice ? Lot : All.Contains(id) ? id : null;

    private static string Innermost(string id, JsonNode? state) =>
        state?["dialogs"] is JsonArray { Count: > 0 } children && children[0] is JsonObject child
            ? Innermost((string)child["id"]!, child["state"])
            : id;
}
