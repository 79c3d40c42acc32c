using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using ParkingBot.Data;
using ParkingBot.Hosting;
using ParkingBot.Framework.Integration;

namespace ParkingBot.Agents;

public static class AgentConsoleExtensions
{
    public const string Scheme = "Agent";
    public const string Policy = "Agent";
    public const string SupervisorPolicy = "Supervisor";
    public const string AgentIdClaim = "agent_id";
    public const string SessionClaim = "session_id";

    /// <summary>Agent accounts, cookie sign-in (401/403 for the API instead of redirects) and the Agent policy.</summary>
    public static IServiceCollection AddAgentConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<CaseViewModels>();
        services.AddSingleton(sp => new AgentAccounts(configuration, configuration.DataDirectory(), sp.GetRequiredService<SharedSecrets>(),
            sp.GetRequiredService<ILogger<AgentAccounts>>()));
        services.AddOptions<AgentLoginOptions>().Bind(configuration.GetSection("Agents:Login"))
            .Validate(o => o.Window >= TimeSpan.FromSeconds(1) && o.MaxFailuresPerAccount >= 1 && o.MaxFailuresPerAddress >= 1, "Agents:Login limits must be positive.")
            .ValidateOnStart();
        services.AddSingleton<AgentLoginThrottle>();
        services.AddOptions<AgentSessionOptions>().Bind(configuration.GetSection("Agents:Session"))
            .Validate(o => o.IdleTimeout > TimeSpan.Zero && o.AbsoluteLifetime >= o.IdleTimeout, "Agents:Session: IdleTimeout must be positive and AbsoluteLifetime at least as long.")
            .ValidateOnStart();
        services.AddSingleton(sp => new AgentSessions(sp.GetRequiredService<StoreDatabases>().For("secrets.db"), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<AgentSessionOptions>>()));
        var session = new AgentSessionOptions();
        configuration.GetSection("Agents:Session").Bind(session);
        services.AddAuthentication(Scheme).AddCookie(Scheme, options =>
        {
            options.Cookie.Name = "parkingbot.agent";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = session.IdleTimeout;
            options.SlidingExpiration = true;
            // Every request: the session must still be live on the server (not signed out, not idle, not too old).
            options.Events.OnValidatePrincipal = async context =>
            {
                var sessionId = context.Principal?.FindFirstValue(SessionClaim);
                var agentId = context.Principal?.FindFirstValue(AgentIdClaim);
                var sessions = context.HttpContext.RequestServices.GetRequiredService<AgentSessions>();
                if (sessionId is null || agentId is null || !await sessions.UseAsync(sessionId, agentId, context.HttpContext.RequestAborted))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(Scheme);
                }
            };
            options.LoginPath = "/agent/login";
            options.Events.OnRedirectToLogin = context => Reject(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => Reject(context, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(AgentIdClaim))
            .AddPolicy(SupervisorPolicy, policy => policy
                .AddAuthenticationSchemes(Scheme)
                .RequireAuthenticatedUser()
                .RequireClaim(AgentIdClaim)
                .RequireRole(AgentRoles.Supervisor));
        return services;
    }

    /// <summary>The console at /agent (sign-in page at /agent/login) and its API under /api/agent.</summary>
    public static WebApplication MapAgentConsole(this WebApplication app)
    {
        app.Services.GetRequiredService<AgentAccounts>();
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api/agent") || context.Request.Path.StartsWithSegments("/api/kakao/simulator"),
            agentApi => agentApi.UseSameOriginForChanges());
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/agent/login", () => Results.File(Page("login.html"), "text/html; charset=utf-8"));
        app.MapGet("/agent", () => Results.File(Page("index.html"), "text/html; charset=utf-8")).RequireAuthorization(Policy);
        app.MapGet("/agent/supervisor", () => Results.File(Page("supervisor.html"), "text/html; charset=utf-8")).RequireAuthorization(SupervisorPolicy);
        app.MapGet("/agent/{asset:regex(^[a-z]+\\.(js|css)$)}", (string asset) =>
            Results.File(Page(asset), asset.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8"));
        app.MapAgentApi();
        app.MapSupervisorApi();
        return app;
    }

    public static ClaimsPrincipal Principal(AgentAccount account, string sessionId) => new(new ClaimsIdentity(
        [new Claim(AgentIdClaim, account.Id), new Claim(ClaimTypes.Name, account.DisplayName), new Claim(SessionClaim, sessionId),
            .. account.Roles.Select(role => new Claim(ClaimTypes.Role, role.ToLowerInvariant()))], Scheme));

    private static string Page(string name) => Path.Combine(AppContext.BaseDirectory, "wwwroot", "agent", name);

    /// <summary>API calls get a status code; a browser opening a page gets the sign-in page, or 403 when signed in without the role.</summary>
    private static Task Reject(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || status == StatusCodes.Status403Forbidden)
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }
}
