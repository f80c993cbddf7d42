using System.Diagnostics;

namespace AsyncCassandra.IntegrationTests;

/// <summary>Result paging (spec v3 §8): every row exactly once, manual paging state, and bounded memory while streaming.</summary>
[Collection(NodeCollection.Name)]
public sealed class PagingTests(NodeFixture fixture) : IAsyncLifetime
{
    private const int RowsPerPartition = NodeFixture.PagedRowsPerPartition;
    private const int TotalRows = NodeFixture.PagedPartitions * RowsPerPartition;

    public Task InitializeAsync() => fixture.EnsurePagedTableAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Streaming_100000_rows_returns_every_row_exactly_once()
    {
        var seen = new bool[TotalRows];
        int pages = 0;
        long lastTotal = 0;
        var options = new StreamOptions { PageSize = 5000, OnPage = (page, rows, total) => { pages = page; lastTotal = total; } };
        int count = 0;
        await foreach (Row row in fixture.Session.StreamAsync(new SimpleStatement("SELECT p, c, v FROM paged"), options))
        {
            int p = row.Get<int>(0);
            int c = row.Get<int>(1);
            Assert.Equal($"row {p}/{c}", row.Get<string>(2));
            int index = (p * RowsPerPartition) + c;
            Assert.False(seen[index], $"row {p}/{c} was returned twice");
            seen[index] = true;
            count++;
        }

        Assert.Equal(TotalRows, count);
        Assert.All(seen, Assert.True);
        Assert.Equal(TotalRows / 5000, pages);
        Assert.Equal(TotalRows, lastTotal);
    }

    [Fact]
    public async Task Manual_paging_with_paging_state_visits_every_row_and_ends_with_null_state()
    {
        AsyncSession s = fixture.Session;
        PreparedStatement select = await s.PrepareAsync("SELECT c FROM paged WHERE p = ?");
        byte[]? state = null;
        var seen = new HashSet<int>();
        int pages = 0;
        do
        {
            BoundStatement bound = select.Bind(7);
            bound.PageSize = 300;
            bound.PagingState = state;
            RowSet page = await s.ExecuteAsync(bound);
            pages++;
            Assert.True(page.Count <= 300);
            foreach (Row row in page)
            {
                Assert.True(seen.Add(row.Get<int>(0)));
            }

            state = page.PagingState;
        }
        while (state is not null);

        Assert.Equal(RowsPerPartition, seen.Count);
        Assert.Equal(4, pages);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task A_stream_never_holds_more_than_one_page_plus_its_prefetch(int prefetch)
    {
        // Pages fetched from the server (OnPage runs when a page has arrived) against pages handed to the consumer, read
        // by a slow consumer: unbounded read-ahead would fetch all ten pages while the first is still being read.
        int fetched = 0;
        int consumed = 0;
        int maxAhead = 0;
        var options = new StreamOptions { PageSize = 1000, PrefetchPages = prefetch, OnPage = (_, _, _) => Interlocked.Increment(ref fetched) };
        await foreach (IReadOnlyList<Row> page in fixture.Session.StreamPagesAsync(new SimpleStatement("SELECT p, c, v FROM paged WHERE p IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)"), options))
        {
            consumed++;
            for (int i = 0; i < 10; i++)
            {
                await Task.Delay(10); // a slow consumer: the pump has time to run ahead if it may
                maxAhead = Math.Max(maxAhead, Volatile.Read(ref fetched) - consumed);
            }
        }

        Assert.Equal(10, consumed);
        Assert.Equal(10, fetched);
        // The page in hand plus `prefetch` buffered: never more fetched than that ahead of the consumer, and the
        // prefetch is used (the bound is reached, not merely respected by fetching on demand).
        Assert.Equal(prefetch, maxAhead);
    }

    [Fact]
    public async Task The_next_page_is_fetched_while_the_current_one_is_consumed_and_only_on_demand_without_prefetch()
    {
        (List<long> fetchedAt, List<long> doneAt) = await TimelineAsync(prefetch: 1);
        // With prefetch, page n+1 has arrived before the consumer has finished page n (for every page but the last).
        for (int n = 0; n < 9; n++)
        {
            Assert.True(fetchedAt[n + 1] < doneAt[n], $"page {n + 2} arrived {fetchedAt[n + 1] - doneAt[n]} ticks after page {n + 1} was consumed");
        }

        (fetchedAt, doneAt) = await TimelineAsync(prefetch: 0);
        // Without it, page n+1 is asked for only once page n has been consumed.
        for (int n = 0; n < 9; n++)
        {
            Assert.True(fetchedAt[n + 1] > doneAt[n], $"page {n + 2} arrived before page {n + 1} was consumed although PrefetchPages is 0");
        }
    }

    private async Task<(List<long> FetchedAt, List<long> DoneAt)> TimelineAsync(int prefetch)
    {
        var fetchedAt = new List<long>();
        var doneAt = new List<long>();
        var options = new StreamOptions { PageSize = 1000, PrefetchPages = prefetch, OnPage = (_, _, _) => { lock (fetchedAt) { fetchedAt.Add(Stopwatch.GetTimestamp()); } } };
        await foreach (IReadOnlyList<Row> page in fixture.Session.StreamPagesAsync(new SimpleStatement("SELECT p, c, v FROM paged WHERE p IN (21, 22, 23, 24, 25, 26, 27, 28, 29, 30)"), options))
        {
            await Task.Delay(100); // consuming the page takes a while
            doneAt.Add(Stopwatch.GetTimestamp());
        }

        Assert.Equal(10, doneAt.Count);
        lock (fetchedAt)
        {
            return ([.. fetchedAt], doneAt);
        }
    }

    [Fact]
    public async Task Max_pages_stops_the_stream_and_on_demand_paging_works()
    {
        int rows = 0;
        await foreach (Row row in fixture.Session.StreamAsync(new SimpleStatement("SELECT c FROM paged"), new StreamOptions { PageSize = 100, MaxPages = 3, PrefetchPages = 0 }))
        {
            rows++;
        }

        Assert.Equal(300, rows);
    }
}
