using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ParkingBot.Framework.DirectLine;

namespace ParkingBot.Hosting;

/// <summary>
/// The customer page's files. A file asked for with its current version (?v=, from the page) may be cached for a year; any
/// other answer is revalidated by its ETag. A Brotli or gzip copy made at build is sent when the browser takes it.
/// </summary>
public sealed class PageFiles
{
    private const string LongCache = "public, max-age=31536000, immutable";
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "wwwroot");

    /// <summary>The bundles and their compressed copies (outside wwwroot, which the SDK's static web assets would claim).</summary>
    private static readonly string Bundles = Path.Combine(AppContext.BaseDirectory, "bundles");
    private readonly Lazy<string> _page;
    private readonly Dictionary<string, string> _versions = new(StringComparer.Ordinal);

    /// <summary>The version the page names its files with: all files' versions together.</summary>
    private readonly string _pageVersion;

    public PageFiles(IOptions<DirectLineOptions> directLine)
    {
        foreach (var file in new[] { "chat/chat.js", "chat/chat.css", "chat/lib/webchat.js", "chat/lib/react.js", "favicon.svg" })
        {
            _versions[file] = File.Exists(Full(file)) ? Hash(File.ReadAllBytes(Full(file))) : "missing";
        }
        _pageVersion = Hash(Encoding.UTF8.GetBytes(string.Concat(_versions.Values)));
        // The page names each file with its version, and tells the script what the channel accepts as uploads.
        _page = new(() => File.ReadAllText(Full("chat/index.html"))
            .Replace("{{upload-accept}}", string.Join(",", directLine.Value.AllowedUploadTypes), StringComparison.Ordinal)
            .Replace("{{upload-max-bytes}}", directLine.Value.MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{v}}", _pageVersion, StringComparison.Ordinal));
    }

    public IResult Page(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Text(_page.Value, "text/html; charset=utf-8");
    }

    /// <summary>Sends <paramref name="file"/> (under wwwroot) compressed when possible, cached for good when asked for by its version.</summary>
    public IResult Send(HttpContext context, string file, string contentType)
    {
        if (!_versions.TryGetValue(file, out var version) || !File.Exists(Full(file)))
        {
            return Results.NotFound();
        }
        var headers = context.Response.Headers;
        var etag = $"\"{version}\"";
        headers.ETag = etag;
        headers.Vary = HeaderNames.AcceptEncoding;
        headers.CacheControl = context.Request.Query["v"] == _pageVersion ? LongCache : "no-cache";
        if (context.Request.Headers.IfNoneMatch.ToString().Split(',').Any(tag => tag.Trim() == etag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        var accepted = context.Request.Headers.AcceptEncoding.ToString();
        foreach (var (encoding, suffix) in new[] { ("br", ".br"), ("gzip", ".gz") })
        {
            if (accepted.Contains(encoding, StringComparison.OrdinalIgnoreCase) && File.Exists(Full(file + suffix)))
            {
                headers.ContentEncoding = encoding;
                return Results.File(Full(file + suffix), contentType);
            }
        }
        return Results.File(Full(file), contentType);
    }

    private static string Full(string file) => file.StartsWith("chat/lib/", StringComparison.Ordinal)
        ? Path.Combine(Bundles, file["chat/lib/".Length..])
        : Path.Combine(Root, file);

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
}
