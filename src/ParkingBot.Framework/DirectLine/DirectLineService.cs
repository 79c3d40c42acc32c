using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ParkingBot.Framework.Builder;
using ParkingBot.Framework.Schema;

namespace ParkingBot.Framework.DirectLine;

/// <summary>Lets staff (agents) open uploaded files; the host decides who that is.</summary>
public interface IStaffFileAccess
{
    Task<bool> IsStaffAsync(HttpContext context);
}

/// <summary>
/// The embedded Direct Line 3.0 channel (shared/reference/botframework-protocol.md, section 6), as Web Chat and
/// DirectLineJS use it: tokens, start and reconnect, posting with the server's id, timestamp and user binding and
/// the echo Web Chat waits for, GET with watermark, the WebSocket stream, and uploads kept on disk.
/// </summary>
public sealed class DirectLineService(
    DirectLineTokens tokens,
    IDirectLineStore store,
    DirectLineStreams streams,
    DirectLineFileStore files,
    DirectLineRateLimiter rateLimiter,
    TurnRunner runner,
    IBot bot,
    IOptions<DirectLineOptions> options,
    TimeProvider time,
    ILogger<DirectLineService> logger,
    IStaffFileAccess? staff = null,
    Microsoft.Extensions.Hosting.IHostApplicationLifetime? lifetime = null)
{
    public const string Prefix = "/v3/directline";
    public const string FileCookie = "parkingbot_dl";
    private static readonly string[] AcceptedTypes = [ActivityTypes.Message, ActivityTypes.Event, ActivityTypes.Typing];
    private const int MaxPage = 500;
    private readonly DirectLineOptions _options = options.Value;

    /// <summary>POST /api/directline/token: a token for a new conversation and user, so the page never holds the secret.</summary>
    public IResult PageToken(HttpContext context)
    {
        var grant = new DirectLineGrant(NewId(), "dl_" + NewId());
        var token = tokens.Issue(grant);
        SetFileCookie(context, token);
        return Results.Json(new { token, conversationId = grant.ConversationId, userId = grant.UserId, expires_in = tokens.LifetimeSeconds });
    }

    public async Task<IResult> GenerateAsync(HttpContext context)
    {
        var (error, _, secret) = await AuthorizeAsync(context, null);
        if (error is not null)
        {
            return error;
        }
        if (!secret)
        {
            return Error(403, "Forbidden", "Only the secret can generate tokens.");
        }
        var grant = new DirectLineGrant(NewId(), await RequestedUserAsync(context) ?? "dl_" + NewId());
        return Results.Json(new { conversationId = grant.ConversationId, token = tokens.Issue(grant), expires_in = tokens.LifetimeSeconds });
    }

    public async Task<IResult> RefreshAsync(HttpContext context)
    {
        var (error, grant, _) = await AuthorizeAsync(context, null);
        if (error is not null)
        {
            return error;
        }
        if (grant is null)
        {
            return Error(403, "Forbidden", "A secret is not refreshed; refresh a token.");
        }
        var token = tokens.Issue(grant);
        SetFileCookie(context, token);
        return Results.Json(new { conversationId = grant.ConversationId, token, expires_in = tokens.LifetimeSeconds });
    }

    public async Task<IResult> StartAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (error, grant, secret) = await AuthorizeAsync(context, null);
        if (error is not null)
        {
            return error;
        }
        grant ??= new DirectLineGrant(NewId(), await RequestedUserAsync(context) ?? "dl_" + NewId());
        var token = secret ? tokens.Issue(grant) : BearerOf(context);
        var conversationId = grant.ConversationId;
        var body = new { conversationId, token, expires_in = tokens.LifetimeSeconds, streamUrl = StreamUrl(context, conversationId, token, null) };
        if (!await store.TryStartAsync(conversationId, time.GetUtcNow(), cancellationToken))
        {
            return Results.Json(body);
        }
        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Id = Guid.NewGuid().ToString("N"),
            Timestamp = time.GetUtcNow(),
            ChannelId = Schema.Channels.DirectLine,
            ServiceUrl = BaseUrl(context),
            Conversation = new ConversationAccount(conversationId),
            From = new ChannelAccount(grant.UserId, role: RoleTypes.User),
            Recipient = Bot,
            MembersAdded = [Bot, new ChannelAccount(grant.UserId, role: RoleTypes.User)],
        };
        if ((await runner.RunAsync(update, bot.OnTurnAsync, TurnDelivery.ToChannel, cancellationToken)).Outcome != TurnOutcome.Done)
        {
            logger.LogWarning("The bot did not take the start of Direct Line conversation {ConversationId}", conversationId);
        }
        return Results.Json(body, statusCode: StatusCodes.Status201Created);
    }

    public async Task<IResult> ReconnectAsync(HttpContext context, string conversationId)
    {
        var (error, _, _) = await AuthorizeAsync(context, conversationId);
        if (error is not null)
        {
            return error;
        }
        if (ParseWatermark(context) is not { } watermark)
        {
            return Error(400, "BadArgument", "watermark must be a number.");
        }
        await store.TryStartAsync(conversationId, time.GetUtcNow(), context.RequestAborted);
        var token = BearerOf(context);
        return Results.Json(new { conversationId, token, expires_in = tokens.LifetimeSeconds, streamUrl = StreamUrl(context, conversationId, token, watermark) });
    }

    public async Task<IResult> GetActivitiesAsync(HttpContext context, string conversationId)
    {
        var (error, _, _) = await AuthorizeAsync(context, conversationId);
        if (error is not null)
        {
            return error;
        }
        if (ParseWatermark(context) is not { } watermark)
        {
            return Error(400, "BadArgument", "watermark must be a number.");
        }
        var page = await store.ReadAsync(conversationId, watermark, MaxPage, context.RequestAborted);
        return Results.Text(Frame(page).ToJsonString(BotJson.Options), "application/json");
    }

    public async Task<IResult> PostActivityAsync(HttpContext context, string conversationId, CancellationToken cancellationToken)
    {
        var (error, grant, _) = await AuthorizeAsync(context, conversationId);
        if (error is not null)
        {
            return error;
        }
        var body = await Integration.LimitedBody.ReadAsync(context.Request, _options.MaxActivityBytes, cancellationToken);
        if (body is null)
        {
            return Error(413, "MessageSizeTooBig", $"The activity is larger than {_options.MaxActivityBytes} bytes.");
        }
        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body, BotJson.Options);
        }
        catch (JsonException e)
        {
            return Error(400, "BadSyntax", $"The body is not a valid activity: {e.Message}");
        }
        if (Problem(activity, grant) is { } problem)
        {
            return problem;
        }
        if (activity!.Attachments is { Count: > 0 })
        {
            return Error(400, "BadArgument", "Attachments are sent with the upload endpoint.");
        }
        if (await ThrottledAsync(context, grant) is { } throttled)
        {
            return throttled;
        }
        return await AcceptAsync(context, conversationId, grant, activity, cancellationToken);
    }

    public async Task<IResult> UploadAsync(HttpContext context, string conversationId, CancellationToken cancellationToken)
    {
        var (error, grant, _) = await AuthorizeAsync(context, conversationId);
        if (error is not null)
        {
            return error;
        }
        if (!context.Request.HasFormContentType)
        {
            return Error(415, "UnsupportedMediaType", "Upload files as multipart/form-data.");
        }
        var limit = _options.MaxUploadBytes;
        if (context.Request.ContentLength > limit + 65_536)
        {
            return TooBig();
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit + 65_536;
        }
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = limit + 65_536 }, cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return TooBig();
        }
        var uploads = form.Files.Where(f => f.Name == "file").ToList();
        if (uploads.Count == 0)
        {
            return Error(400, "BadArgument", "No file was uploaded (form field 'file').");
        }
        if (uploads.Sum(f => f.Length) > limit)
        {
            return TooBig();
        }
        var incoming = new List<IncomingFile>();
        foreach (var upload in uploads)
        {
            using var buffer = new MemoryStream();
            await upload.CopyToAsync(buffer, cancellationToken);
            var bytes = buffer.ToArray();
            if (Accepted(upload.ContentType, bytes) is not { } type)
            {
                return Error(415, "UnsupportedMediaType", $"'{upload.FileName}' is not one of: {string.Join(", ", _options.AllowedUploadTypes)}.");
            }
            incoming.Add(new IncomingFile(SafeName(upload.FileName), type, bytes));
        }
        Activity activity;
        try
        {
            activity = await ActivityPartAsync(form, cancellationToken) ?? Activity.CreateMessageActivity();
        }
        catch (JsonException e)
        {
            return Error(400, "BadSyntax", $"The activity part is not a valid activity: {e.Message}");
        }
        activity.Type ??= ActivityTypes.Message;
        if (Problem(activity, grant) is { } problem)
        {
            return problem;
        }
        if (await ThrottledAsync(context, grant) is { } throttled)
        {
            return throttled;
        }
        var stored = await files.SaveAllAsync(conversationId, incoming, cancellationToken);
        // An image is its own thumbnail: Web Chat shows a customer's upload as a picture only when it has one.
        activity.Attachments = stored.Select(f => new Attachment
        {
            ContentType = f.ContentType,
            Name = f.Name,
            ContentUrl = $"{BaseUrl(context)}{Prefix}/attachments/{conversationId}/{f.Id}",
            ThumbnailUrl = f.ContentType.StartsWith("image/", StringComparison.Ordinal) ? $"{BaseUrl(context)}{Prefix}/attachments/{conversationId}/{f.Id}" : null,
        }).ToList();
        return await AcceptAsync(context, conversationId, grant, activity, cancellationToken);
    }

    public async Task StreamAsync(HttpContext context, string conversationId)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Error(400, "BadArgument", "The stream is a WebSocket.").ExecuteAsync(context);
            return;
        }
        var (check, grant) = await tokens.CheckAsync(context.Request.Query["t"].ToString());
        if (check != TokenCheck.Valid || grant!.ConversationId != conversationId)
        {
            await Error(403, check == TokenCheck.Expired ? "TokenExpired" : "Forbidden", "The stream needs a valid token for this conversation.").ExecuteAsync(context);
            return;
        }
        await store.TryStartAsync(conversationId, time.GetUtcNow(), context.RequestAborted);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        Telemetry.BotTelemetry.DirectLineConnections.Add(1);
        // Open before reading the backlog, so nothing logged in between is missed.
        var signals = streams.Open(conversationId);
        long sent = ParseWatermark(context) ?? 0;
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        // Sending ends with the client, or when the host stops (an open stream must not hold a shutdown up); receiving goes
        // on until the close frame below is sent, since cancelling a receive aborts the socket without one.
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(closing.Token, lifetime?.ApplicationStopping ?? CancellationToken.None);
        var receiving = ReceiveUntilClosedAsync(socket, closing);
        try
        {
            sent = await SendLoggedAsync(socket, conversationId, sent, sending.Token);
            await foreach (var signal in signals.ReadAllAsync(sending.Token))
            {
                if (signal is StreamSignal.Frame frame)
                {
                    await socket.SendAsync(Encoding.UTF8.GetBytes(frame.Json), WebSocketMessageType.Text, true, sending.Token);
                }
                else
                {
                    sent = await SendLoggedAsync(socket, conversationId, sent, sending.Token, ((StreamSignal.LogChanged)signal).UpTo);
                }
            }
            if (socket.State == WebSocketState.Open)
            {
                // Another stream took this conversation over.
                await socket.CloseAsync(WebSocketCloseStatus.PolicyViolation, "collision", CancellationToken.None);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The client went away, or the host is stopping: then say so, so Web Chat reconnects to another instance.
            if (lifetime?.ApplicationStopping.IsCancellationRequested == true && socket.State == WebSocketState.Open)
            {
                using var bye = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await socket.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "server stopping", bye.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                // The client answers the close; until then the frame must not be cut off by aborting the connection.
                await receiving.WaitAsync(TimeSpan.FromSeconds(1)).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        finally
        {
            Telemetry.BotTelemetry.DirectLineConnections.Add(-1);
            streams.Close(conversationId, signals);
            await closing.CancelAsync();
            await receiving;
        }
    }

    public async Task<IResult> GetAttachmentAsync(HttpContext context, string conversationId, string fileId, CancellationToken cancellationToken)
    {
        if (!await MayReadFilesOfAsync(context, conversationId))
        {
            return Error(403, "Forbidden", "Only the conversation's members and agents may open its files.");
        }
        if (await files.FindAsync(conversationId, fileId, cancellationToken) is not { } file)
        {
            return Error(404, "NotFound", "No such file.");
        }
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "private, max-age=3600";
        return Results.File(await files.ReadContentAsync(file, cancellationToken), file.ContentType, enableRangeProcessing: false);
    }

    /// <summary>
    /// Logs the customer's activity and runs the turn. A client that posts the same activity again (same
    /// channelData.clientActivityID, as Web Chat sends) gets the logged one back and, if its turn was
    /// already taken, that turn's replies again instead of a second turn.
    /// </summary>
    private async Task<IResult> AcceptAsync(HttpContext context, string conversationId, DirectLineGrant? grant, Activity activity, CancellationToken cancellationToken)
    {
        var userId = grant?.UserId ?? activity.From!.Id!;
        activity.From = new ChannelAccount(userId, activity.From?.Name, RoleTypes.User);
        activity.Recipient = Bot;
        activity.ServiceUrl = BaseUrl(context);
        var clientId = ClientActivityId(activity);
        var logged = await store.AppendAsync(conversationId, activity, clientId is null ? null : $"user:{userId}:{clientId}", time.GetUtcNow(), cancellationToken);
        await streams.LogChangedAsync(conversationId, logged.Watermark, cancellationToken);
        if (logged.Activity.IsType(ActivityTypes.Message))
        {
            await streams.TypingAsync(conversationId, new Activity { Type = ActivityTypes.Typing, From = Bot, Recipient = logged.Activity.From }, cancellationToken);
        }
        var turn = await runner.RunAsync(logged.Activity.Clone(), bot.OnTurnAsync, TurnDelivery.ToChannel, cancellationToken);
        return turn.Outcome switch
        {
            TurnOutcome.Done => Results.Json(new ResourceResponse(logged.Activity.Id)),
            TurnOutcome.Refused => Error(400, turn.Refusal!.Code, turn.Refusal.Reason),
            TurnOutcome.Busy => Busy(context),
            _ => Error(502, "BotError", "Failed to send activity: the bot could not process it. Send it again (same clientActivityID) to retry."),
        };
    }

    private static IResult Busy(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "1";
        return Error(503, "ConversationBusy", "The previous message of this conversation is still being answered. Send this one again (same clientActivityID) shortly.");
    }

    /// <summary>Sends what the log holds after <paramref name="sent"/> (up to <paramref name="upTo"/>, if given); the watermark sent.</summary>
    private async Task<long> SendLoggedAsync(WebSocket socket, string conversationId, long sent, CancellationToken cancellationToken, long? upTo = null)
    {
        while (true)
        {
            var max = upTo is { } bound ? (int)Math.Min(MaxPage, bound - sent) : MaxPage;
            if (max <= 0)
            {
                return sent;
            }
            var page = await store.ReadAsync(conversationId, sent, max, cancellationToken);
            if (page.Activities.Count == 0)
            {
                return page.Watermark;
            }
            await socket.SendAsync(Encoding.UTF8.GetBytes(Frame(page).ToJsonString(BotJson.Options)), WebSocketMessageType.Text, true, cancellationToken);
            sent = page.Watermark;
            if (page.Activities.Count < max)
            {
                // The end of the log as it was: what is logged after it comes with its own signal, in order with the
                // frames signalled between (a read that ran on would send a reply ahead of the typing before it).
                return sent;
            }
        }
    }

    private static JsonObject Frame(ActivityPage page) => new()
    {
        ["activities"] = new JsonArray(page.Activities.Select(a => (JsonNode)a).ToArray()),
        ["watermark"] = page.Watermark.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string? ClientActivityId(Activity activity) =>
        activity.ChannelData?["clientActivityID"] is JsonValue value && value.TryGetValue<string>(out var id) && id.Length is > 0 and <= 128 ? id : null;

    private IResult? Problem(Activity? activity, DirectLineGrant? grant)
    {
        if (activity is null || string.IsNullOrEmpty(activity.Type))
        {
            return Error(400, "MissingProperty", "The activity has no type.");
        }
        if (activity.Attachments?.Any(a => a.ContentUrl is not null && !Connector.ConnectorDelivery.IsValidServiceUrl(a.ContentUrl)) == true)
        {
            return Error(400, "BadArgument", "An attachment's contentUrl must be an http or https URL (upload files instead).");
        }
        if (!AcceptedTypes.Contains(activity.Type))
        {
            return Error(400, "BadArgument", $"Activities of type '{activity.Type}' cannot be posted.");
        }
        if (grant is null && string.IsNullOrEmpty(activity.From?.Id))
        {
            return Error(400, "MissingProperty", "With the secret, from.id must name the user.");
        }
        return null;
    }

    private async Task<IResult?> ThrottledAsync(HttpContext context, DirectLineGrant? grant)
    {
        if (grant is null || await rateLimiter.TakeAsync(grant, context.RequestAborted) is not { } retryAfter)
        {
            return null;
        }
        context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Error(429, "TooManyRequests", $"More than {_options.PostsPerMinute} posts in a minute; try again in {retryAfter} s.");
    }

    private string? Accepted(string? declared, byte[] bytes)
    {
        var sniffed = UploadContent.Sniff(bytes);
        if (sniffed is null || !_options.AllowedUploadTypes.Contains(sniffed, StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }
        var said = (declared ?? "").Split(';')[0].Trim().ToLowerInvariant();
        var consistent = said is "" or "application/octet-stream" || said == sniffed || (said == "image/jpg" && sniffed == "image/jpeg");
        return consistent ? sniffed : null;
    }

    private static async Task<Activity?> ActivityPartAsync(IFormCollection form, CancellationToken cancellationToken)
    {
        if (form.Files.FirstOrDefault(f => f.Name == "activity" || f.ContentType == "application/vnd.microsoft.activity") is { } part)
        {
            await using var stream = part.OpenReadStream();
            return await JsonSerializer.DeserializeAsync<Activity>(stream, BotJson.Options, cancellationToken);
        }
        return form.TryGetValue("activity", out var text) && text.Count > 0 ? JsonSerializer.Deserialize<Activity>(text[0]!, BotJson.Options) : null;
    }

    private async Task<(IResult? Error, DirectLineGrant? Grant, bool Secret)> AuthorizeAsync(HttpContext context, string? conversationId)
    {
        var value = BearerOf(context);
        if (value.Length == 0)
        {
            return (Error(401, "Unauthorized", "Authorization: Bearer <token> is required."), null, false);
        }
        if (tokens.IsSecret(value))
        {
            return (null, null, true);
        }
        var (check, grant) = await tokens.CheckAsync(value);
        return check switch
        {
            TokenCheck.Expired => (Error(403, "TokenExpired", "The token has expired."), null, false),
            TokenCheck.Invalid => (Error(403, "Forbidden", "The token is not valid."), null, false),
            _ when conversationId is not null && grant!.ConversationId != conversationId =>
                (Error(403, "Forbidden", "The token is for another conversation."), null, false),
            _ => (null, grant, false),
        };
    }

    private async Task<bool> MayReadFilesOfAsync(HttpContext context, string conversationId)
    {
        foreach (var candidate in new[] { BearerOf(context), context.Request.Cookies[FileCookie] ?? "" })
        {
            if (candidate.Length > 0 && await tokens.CheckAsync(candidate) is (TokenCheck.Valid, var grant) && grant!.ConversationId == conversationId)
            {
                return true;
            }
        }
        return staff is not null && await staff.IsStaffAsync(context);
    }

    /// <summary>Lets the browser show the conversation's own uploads (an img tag sends no Authorization header).</summary>
    private void SetFileCookie(HttpContext context, string token) =>
        context.Response.Cookies.Append(FileCookie, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = Prefix + "/attachments",
            MaxAge = TimeSpan.FromSeconds(tokens.LifetimeSeconds),
        });

    private async Task<string?> RequestedUserAsync(HttpContext context)
    {
        if (context.Request.ContentLength is null or 0)
        {
            return null;
        }
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body);
            return document.RootElement.TryGetProperty("user", out var user) && user.TryGetProperty("id", out var id)
                && id.GetString() is { } value && value.StartsWith("dl_", StringComparison.Ordinal) ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task ReceiveUntilClosedAsync(WebSocket socket, CancellationTokenSource closing)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, closing.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Closed from either side.
        }
        await closing.CancelAsync();
    }

    private ChannelAccount Bot => new(_options.BotId, _options.BotName, RoleTypes.Bot);

    private static string BearerOf(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : "";
    }

    private static long? ParseWatermark(HttpContext context)
    {
        var value = context.Request.Query["watermark"].ToString();
        return value.Length == 0 ? 0 : long.TryParse(value, out var watermark) && watermark >= 0 ? watermark : null;
    }

    private static string BaseUrl(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";

    private static string StreamUrl(HttpContext context, string conversationId, string token, long? watermark) =>
        $"{(context.Request.IsHttps ? "wss" : "ws")}://{context.Request.Host}{Prefix}/conversations/{conversationId}/stream?t={Uri.EscapeDataString(token)}"
        + (watermark is { } w ? $"&watermark={w}" : "");

    private static string NewId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();

    private static string SafeName(string? name)
    {
        var file = Path.GetFileName(name ?? "");
        return string.IsNullOrWhiteSpace(file) ? "attachment" : file.Length > 100 ? file[^100..] : file;
    }

    private static IResult TooBig() => Error(413, "MessageSizeTooBig", "The upload is larger than the limit.");

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, statusCode: status);
}
