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
        if (request.ContentLength is { } declared)
        {
            // The usual case: the size is known, so the body is read straight into an array of that size.
            var body = new byte[declared];
            var filled = 0;
            while (filled < body.Length)
            {
                var read = await request.Body.ReadAsync(body.AsMemory(filled), cancellationToken);
                if (read == 0)
                {
                    return body[..filled];
                }
                filled += read;
            }
            return body;
        }
        using var buffer = new MemoryStream();
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.ToArray();
    }
}
