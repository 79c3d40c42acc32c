namespace ParkingBot.Hosting;

/// <summary>
/// The browser security policy on every response: a Content-Security-Policy fit for the chat page (the Web Chat bundle is
/// served from the app; no inline script) and for the agent console (never framed), nosniff, no referrer, and HSTS over
/// HTTPS outside Development.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Web Chat styles itself with inline style elements, reads an upload from its blob: URL and makes the upload's
    /// thumbnail in a worker it starts from a blob: URL; its scripts, the page's and the Direct Line are this app's.
    /// </summary>
    public const string ChatPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; worker-src 'self' blob:; "
        + "media-src 'self' blob: data:; font-src 'self' data:; connect-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

    /// <summary>The console shows customers' attachments (this app's or a channel's web address); it is never framed (click-jacking of claim and resolve).</summary>
    public const string ConsolePolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: http:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>APIs answer data, never a document to render.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            var path = context.Request.Path;
            if (path.StartsWithSegments("/agent"))
            {
                headers.ContentSecurityPolicy = ConsolePolicy;
                headers.XFrameOptions = "DENY";
            }
            else if (path.StartsWithSegments("/api") || (path.StartsWithSegments("/v3/directline") && !path.StartsWithSegments("/v3/directline/attachments")))
            {
                headers.ContentSecurityPolicy = ApiPolicy;
            }
            else if (!path.StartsWithSegments("/v3/directline/attachments"))
            {
                headers.ContentSecurityPolicy = ChatPolicy;
            }
            return next(context);
        });
        return app;
    }

    /// <summary>
    /// Refuses a state-changing request that a browser says comes from another site (Sec-Fetch-Site, or else Origin), so a
    /// page elsewhere cannot make a signed-in agent claim or resolve a case.
    /// </summary>
    public static IApplicationBuilder UseSameOriginForChanges(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !IsSameOrigin(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(new { title = "Forbidden", status = 403, detail = "A request from another site cannot change anything here." });
            return;
        }
        await next(context);
    });

    private static bool IsSameOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site is "same-origin" or "none";
        }
        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0
            || (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
                && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase));
    }
}
