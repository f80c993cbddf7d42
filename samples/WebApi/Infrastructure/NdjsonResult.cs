using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace WebApi.Infrastructure;

/// <summary>
/// Writes an <see cref="IAsyncEnumerable{T}"/> as newline-delimited JSON while it is enumerated: the first rows leave
/// before the last page is read, and a slow client slows the reading down (the response's flow control reaches the
/// enumerator, which holds at most two pages), instead of the whole table being buffered in memory.
/// </summary>
public sealed class NdjsonResult<T>(IAsyncEnumerable<T> items, JsonTypeInfo<T> typeInfo) : IResult
{
    public const string ContentType = "application/x-ndjson";
    private const int FlushBytes = 16 * 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        HttpResponse response = httpContext.Response;
        response.ContentType = ContentType;
        System.IO.Pipelines.PipeWriter body = response.BodyWriter;
        await using var json = new Utf8JsonWriter(body);
        long unflushed = 0;
        bool first = true;
        await foreach (T item in items.WithCancellation(httpContext.RequestAborted))
        {
            JsonSerializer.Serialize(json, item, typeInfo);
            json.Flush();
            unflushed += json.BytesCommitted + 1;
            json.Reset();
            body.Write("\n"u8);
            if (first || unflushed >= FlushBytes)
            {
                first = false;
                unflushed = 0;
                await body.FlushAsync(httpContext.RequestAborted);
            }
        }

        await body.FlushAsync(httpContext.RequestAborted);
    }
}
