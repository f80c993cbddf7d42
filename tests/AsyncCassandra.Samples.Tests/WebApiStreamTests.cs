using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace AsyncCassandra.Samples.Tests;

/// <summary>
/// <c>GET /users/stream</c> over 100,000 rows, read slowly by one client while another makes 200 point requests: the
/// stream starts before the table is read (the server holds pages, not the table), and the point requests stay fast.
/// </summary>
[Collection(WebApiCollection.Name)]
public sealed class WebApiStreamTests(WebApiFixture fixture, ITestOutputHelper output)
{
    private const int StreamPageSize = 500;

    [Fact]
    public async Task A_slowly_read_stream_of_100000_users_starts_at_once_and_point_requests_keep_a_p99_under_100_ms()
    {
        long rows = (await fixture.Session.ExecuteAsync(new SimpleStatement("SELECT count(*) FROM users") { Timeout = TimeSpan.FromMinutes(1) }))[0].Get<long>(0);
        Assert.True(rows >= WebApiFixture.SeededUsers);
        int totalPages = (int)((rows + StreamPageSize - 1) / StreamPageSize);
        using var streamClient = new HttpClient { BaseAddress = fixture.Sample.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        using var pointClient = new HttpClient { BaseAddress = fixture.Sample.BaseAddress };
        await pointClient.GetAsync($"/users/{fixture.SeededIds[0]}");

        double requestsBefore = await CassandraRequestsAsync(pointClient);
        var streamWatch = Stopwatch.StartNew();
        using HttpResponseMessage response = await streamClient.GetAsync("/users/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        await using Stream body = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(body);
        string firstLine = (await reader.ReadLineAsync())!;
        TimeSpan firstLineAfter = streamWatch.Elapsed;
        double pagesAtFirstLine = await CassandraRequestsAsync(pointClient) - requestsBefore;
        output.WriteLine($"first line after {firstLineAfter.TotalMilliseconds:0} ms; the server had run {pagesAtFirstLine} of {totalPages} page requests");
        Assert.True(pagesAtFirstLine < totalPages / 2, $"{pagesAtFirstLine} of {totalPages} pages were read before the first line was read: the stream is buffered");
        AssertIsUser(firstLine);

        Task<long> slowRead = ReadSlowlyAsync(reader);
        TimeSpan[] latencies = await PointRequestsAsync(pointClient, 200);
        bool streamStillRunning = !slowRead.IsCompleted;
        long lines = 1 + await slowRead;
        TimeSpan streamTook = streamWatch.Elapsed;

        Array.Sort(latencies);
        double p50 = latencies[99].TotalMilliseconds, p95 = latencies[189].TotalMilliseconds, p99 = latencies[197].TotalMilliseconds;
        output.WriteLine($"stream: {lines} lines in {streamTook.TotalSeconds:0.0} s; 200 point requests during it: p50 {p50:0.0} ms, p95 {p95:0.0} ms, p99 {p99:0.0} ms, max {latencies[^1].TotalMilliseconds:0.0} ms");
        Assert.True(streamStillRunning, "the stream finished before the point requests did: they did not overlap");
        Assert.Equal(rows, lines);
        Assert.True(p99 < 100, $"p99 of point requests during the stream was {p99:0.0} ms");
    }

    /// <summary>Reads the rest of the stream 8 KiB at a time with a pause after each, checking every line.</summary>
    private static async Task<long> ReadSlowlyAsync(StreamReader reader)
    {
        long lines = 0;
        char[] buffer = new char[8192];
        var pending = new System.Text.StringBuilder();
        int read;
        while ((read = await reader.ReadBlockAsync(buffer)) > 0)
        {
            pending.Append(buffer, 0, read);
            string text = pending.ToString();
            int last = text.LastIndexOf('\n');
            if (last >= 0)
            {
                foreach (string line in text[..last].Split('\n'))
                {
                    AssertIsUser(line);
                    lines++;
                }

                pending.Clear().Append(text, last + 1, text.Length - last - 1);
            }

            await Task.Delay(4);
        }

        if (pending.Length > 0)
        {
            AssertIsUser(pending.ToString());
            lines++;
        }

        return lines;
    }

    private async Task<TimeSpan[]> PointRequestsAsync(HttpClient client, int count)
    {
        var latencies = new TimeSpan[count];
        var random = new Random(11);
        for (int i = 0; i < count; i++)
        {
            Guid id = fixture.SeededIds[random.Next(fixture.SeededIds.Count)];
            long started = Stopwatch.GetTimestamp();
            using HttpResponseMessage response = await client.GetAsync($"/users/{id}");
            await response.Content.ReadAsByteArrayAsync();
            latencies[i] = Stopwatch.GetElapsedTime(started);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await Task.Delay(15);
        }

        return latencies;
    }

    private static async Task<double> CassandraRequestsAsync(HttpClient client) =>
        PrometheusText.Sum(await client.GetStringAsync("/metrics"), "cassandra_client_requests_total");

    private static void AssertIsUser(string line)
    {
        using JsonDocument user = JsonDocument.Parse(line);
        Assert.True(user.RootElement.TryGetProperty("id", out _) && user.RootElement.TryGetProperty("createdAt", out _), line);
    }
}
