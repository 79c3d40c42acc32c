using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ParkingBot.Tests;

/// <summary>The customer page's files over real HTTP: compressed copies made at build, long caching by version, ETags, a favicon.</summary>
public sealed partial class PageFilesTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("parkingbot-page-").FullName;
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Urls", "http://127.0.0.1:0");
            web.UseSetting("Storage:DataDirectory", _dataDirectory);
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        // No automatic decompression: the test sees the bytes and headers as a browser gets them.
        _client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = _factory.ClientOptions.BaseAddress };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private async Task<string> VersionedUrlAsync(string path)
    {
        var page = await _client.GetStringAsync("/");
        return Regex.Match(page, Regex.Escape(path) + @"\?v=[0-9a-f]{16}").Value;
    }

    [Fact]
    public async Task The_web_chat_bundle_comes_as_brotli_or_gzip_and_decodes_to_the_same_script()
    {
        var url = await VersionedUrlAsync("/chat/lib/webchat.js");
        Assert.NotEmpty(url);
        var plain = await SendAsync(url, encoding: null);
        var brotli = await SendAsync(url, "br, gzip");
        var gzip = await SendAsync(url, "gzip, deflate");

        Assert.Null(plain.Content.Headers.ContentEncoding.FirstOrDefault());
        Assert.Equal("br", brotli.Content.Headers.ContentEncoding.Single());
        Assert.Equal("gzip", gzip.Content.Headers.ContentEncoding.Single());
        var original = await plain.Content.ReadAsByteArrayAsync();
        var fromBrotli = await brotli.Content.ReadAsByteArrayAsync();
        Assert.True(fromBrotli.Length < original.Length / 4, $"br {fromBrotli.Length} of {original.Length} bytes");
        Assert.Equal(original, Decode(new BrotliStream(new MemoryStream(fromBrotli), CompressionMode.Decompress)));
        Assert.Equal(original, Decode(new GZipStream(await gzip.Content.ReadAsStreamAsync(), CompressionMode.Decompress)));
        Assert.All(new[] { plain, brotli, gzip }, r => Assert.Equal("Accept-Encoding", r.Headers.Vary.Single()));
        Assert.Equal("text/javascript", brotli.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_file_asked_for_by_its_version_is_cached_for_a_year_and_otherwise_revalidated()
    {
        var versioned = await SendAsync(await VersionedUrlAsync("/chat/chat.js"), "gzip");
        var unversioned = await SendAsync("/chat/chat.js", "gzip");
        var page = await SendAsync("/", "gzip");

        Assert.Equal("public, max-age=31536000, immutable", versioned.Headers.CacheControl!.ToString());
        Assert.True(unversioned.Headers.CacheControl!.NoCache);
        Assert.True(page.Headers.CacheControl!.NoCache);
        var etag = unversioned.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, "/chat/chat.js");
        again.Headers.IfNoneMatch.Add(etag);
        var notModified = await _client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_page_names_its_favicon_and_tells_the_script_the_uploads_the_channel_takes()
    {
        var page = await _client.GetStringAsync("/");
        var icon = await _client.GetAsync("/favicon.ico");

        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<svg", await icon.Content.ReadAsStringAsync());
        Assert.Contains("rel=\"icon\" href=\"/favicon.svg?v=", page);
        Assert.Contains("data-upload-accept=\"image/jpeg,image/png,image/gif,image/webp,application/pdf\"", page);
        Assert.Contains("data-upload-max-bytes=\"4194304\"", page);
        Assert.DoesNotContain("{{", page);
    }

    private async Task<HttpResponseMessage> SendAsync(string url, string? encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (encoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
        }
        var response = await _client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return response;
    }

    private static byte[] Decode(Stream compressed)
    {
        using var output = new MemoryStream();
        compressed.CopyTo(output);
        return output.ToArray();
    }
}
