using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using ParkingBot.Handoff;
using ParkingBot.Handoff.Cases;
using ParkingBot.Handoff.Notifications;
using ParkingBot.Handoff.Relay;

namespace ParkingBot.Agents;

/// <summary>The agent console's API: sign in, the live queue (Server-Sent Events), claim, chat, resolve, the outbox.</summary>
public static class AgentApi
{
    public static void MapAgentApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/agent");
        api.MapPost("/login", SignInAsync);
        var agent = api.MapGroup("").RequireAuthorization(AgentConsoleExtensions.Policy);
        agent.MapPost("/logout", async (HttpContext context, AgentSessions sessions) =>
        {
            // The session ends on the server: a copy of the cookie is worth nothing from now on.
            if (context.User.FindFirstValue(AgentConsoleExtensions.SessionClaim) is { } sessionId)
            {
                await sessions.EndAsync(sessionId, context.RequestAborted);
            }
            await context.SignOutAsync(AgentConsoleExtensions.Scheme);
            return TypedResults.NoContent();
        });
        agent.MapGet("/me", (ClaimsPrincipal user, AgentAccounts accounts, IConfiguration configuration) => TypedResults.Ok(new
        {
            id = AgentId(user),
            name = user.Identity!.Name,
            supervisor = IsSupervisor(user),
            // Past this wait a queued case's timer turns red (Agents:WaitTarget, default 5 minutes).
            waitTargetSeconds = (int)(configuration.GetValue<TimeSpan?>("Agents:WaitTarget") ?? TimeSpan.FromMinutes(5)).TotalSeconds,
            agents = accounts.All.Select(a => new { id = a.Id, name = a.DisplayName }),
        }));
        agent.MapGet("/cases", async (ClaimsPrincipal user, HandoffService handoff, CaseViewModels views, CancellationToken ct) =>
            TypedResults.Ok((await handoff.RecentCasesAsync(AgentId(user), IsSupervisor(user), ct)).Select(c => views.ListItem(c, AgentId(user)))));
        agent.MapGet("/cases/{id}", async Task<Results<Ok<CaseDetail>, NotFound>> (string id, ClaimsPrincipal user, HandoffService handoff, CaseViewModels views, CancellationToken ct) =>
            await handoff.CaseForAgentAsync(id, AgentId(user), IsSupervisor(user), ct) is { } found ? TypedResults.Ok(views.Detail(found, AgentId(user))) : TypedResults.NotFound());
        agent.MapPost("/cases/{id}/claim", async (string id, ClaimsPrincipal user, HandoffService handoff, CancellationToken ct) =>
            Answer(await handoff.ClaimAsync(id, AgentId(user), user.Identity!.Name!, ct)));
        agent.MapPost("/cases/{id}/messages", async (string id, AgentMessage body, ClaimsPrincipal user, HandoffService handoff, CancellationToken ct) =>
            string.IsNullOrWhiteSpace(body.Text)
                ? Problem(StatusCodes.Status400BadRequest, "A message needs text.")
                : Answer(await handoff.SendAgentMessageAsync(id, AgentId(user), body.Text.Trim(), ct)));
        agent.MapPost("/cases/{id}/resolve", async (string id, Resolution body, ClaimsPrincipal user, HandoffService handoff, CancellationToken ct) =>
            string.IsNullOrWhiteSpace(body.Note)
                ? Problem(StatusCodes.Status400BadRequest, "Resolving needs a note.")
                : Answer(await handoff.ResolveAsync(id, AgentId(user), user.Identity!.Name!, body.Note.Trim(), body.FollowUp, ct)));
        agent.MapPost("/cases/{id}/release", async (string id, ClaimsPrincipal user, HandoffService handoff, CancellationToken ct) =>
            Answer(await handoff.ReleaseAsync(id, AgentId(user), ct)));
        agent.MapPost("/cases/{id}/transfer", async (string id, Transfer body, ClaimsPrincipal user, AgentAccounts accounts, HandoffService handoff, CancellationToken ct) =>
            body.To is null || accounts.Find(body.To) is not { } to
                ? Problem(StatusCodes.Status400BadRequest, "Transfer needs the id of an existing agent in 'to'.")
                : Answer(await handoff.TransferAsync(id, AgentId(user), to.Id, to.DisplayName, ct)));
        agent.MapPost("/cases/{id}/notes", async (string id, AgentMessage body, ClaimsPrincipal user, HandoffService handoff, CancellationToken ct) =>
            string.IsNullOrWhiteSpace(body.Text)
                ? Problem(StatusCodes.Status400BadRequest, "A note needs text.")
                : Answer(await handoff.AddNoteAsync(id, AgentId(user), user.Identity!.Name!, body.Text.Trim(), IsSupervisor(user), ct)));
        agent.MapGet("/outbox", async (NotificationOutbox outbox, CancellationToken ct) => TypedResults.Ok(await outbox.ListAsync(ct)));
        agent.MapGet("/events", (ClaimsPrincipal user, CaseEvents events, IHostApplicationLifetime lifetime, CancellationToken ct) =>
            TypedResults.ServerSentEvents(Stream(events, AgentId(user), ct, lifetime.ApplicationStopping), eventType: "case"));
    }

    private static async Task<IResult> SignInAsync(SignIn body, AgentAccounts accounts, AgentLoginThrottle throttle, AgentSessions sessions, TimeProvider time,
        HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (await throttle.LockedAsync(body.Id, address, context.RequestAborted) is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problem(StatusCodes.Status429TooManyRequests, $"Too many failed sign-ins; try again in {(int)Math.Ceiling(retryAfter.TotalMinutes)} min.");
        }
        if (accounts.SignIn(body.Id, body.Password) is not { } account)
        {
            await Task.Delay(await throttle.FailedAsync(body.Id, address, context.RequestAborted), time, context.RequestAborted);
            return Problem(StatusCodes.Status401Unauthorized, "Unknown agent or wrong password.");
        }
        var sessionId = await sessions.StartAsync(account.Id, context.RequestAborted);
        await context.SignInAsync(AgentConsoleExtensions.Scheme, AgentConsoleExtensions.Principal(account, sessionId));
        return TypedResults.Ok(new { id = account.Id, name = account.DisplayName });
    }

    /// <summary>Case events for one agent's console, until the console goes away or the host stops (the console reconnects).</summary>
    private static async IAsyncEnumerable<CaseEvent> Stream(CaseEvents events, string agentId, [EnumeratorCancellation] CancellationToken requestAborted,
        CancellationToken stopping)
    {
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, stopping);
        var cancellationToken = ending.Token;
        // A first event sends the response headers at once, so the console knows it is live.
        yield return new CaseEvent("connected", "", HandoffStatus.Queued, agentId);
        // The subscription completes when the request ends or the host stops, which ends this stream.
        await foreach (var caseEvent in events.Subscribe(cancellationToken).ReadAllAsync(CancellationToken.None))
        {
            // Every console learns that a case changed (so a claimed case leaves the others' queues);
            // only the assigned agent gets what the customer wrote.
            yield return caseEvent with { Text = caseEvent.AgentId == agentId ? caseEvent.Text : null };
        }
    }

    private static IResult Answer(AgentActionResult result) => result switch
    {
        AgentActionResult.Done => TypedResults.Ok(new { result = "done", customerReached = true }),
        AgentActionResult.DoneCustomerNotReached => TypedResults.Ok(new { result = "done", customerReached = false }),
        AgentActionResult.NotFound => Problem(StatusCodes.Status404NotFound, "No such case."),
        AgentActionResult.AlreadyTaken => Problem(StatusCodes.Status409Conflict, "Another agent has already taken this case."),
        AgentActionResult.NotYours => Problem(StatusCodes.Status403Forbidden, "This case is assigned to another agent."),
        AgentActionResult.RepliesInChannelChat => Problem(StatusCodes.Status409Conflict, "This customer is answered in KakaoTalk's own chat, not through the bot."),
        AgentActionResult.SameAgent => Problem(StatusCodes.Status400BadRequest, "The case is already this agent's."),
        _ => Problem(StatusCodes.Status409Conflict, "This case is closed."),
    };

    private static IResult Problem(int status, string detail) => TypedResults.Problem(detail, statusCode: status);

    private static string AgentId(ClaimsPrincipal user) => user.FindFirstValue(AgentConsoleExtensions.AgentIdClaim)!;

    private static bool IsSupervisor(ClaimsPrincipal user) => user.IsInRole(AgentRoles.Supervisor);

    public sealed record SignIn(string? Id, string? Password);

    public sealed record AgentMessage(string? Text);

    public sealed record Resolution(string? Note, string? FollowUp);

    public sealed record Transfer(string? To);
}
