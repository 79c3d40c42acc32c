using Microsoft.AspNetCore.Http;

namespace ParkingBot.Framework.Integration;

public static class LimitedBody
{
    /// <summary>The request body, or null when it is larger than <paramref name="limit"/> bytes (declared or, for chunked bodies, as read).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
