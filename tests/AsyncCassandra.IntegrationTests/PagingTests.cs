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

    [Fact]
    public async Task A_ten_page_stream_holds_at_most_two_pages_in_memory()
    {
        var pages = new List<WeakReference>();
        int maxAlive = 0;
        var options = new StreamOptions { PageSize = 1000, PrefetchPages = 1 };
        await foreach (IReadOnlyList<Row> page in fixture.Session.StreamPagesAsync(new SimpleStatement("SELECT p, c, v FROM paged WHERE p IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)"), options))
        {
            pages.Add(new WeakReference(page));
            // Let the prefetch of the next page land, then count the pages still reachable.
            await Task.Delay(50);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            maxAlive = Math.Max(maxAlive, pages.Count(w => w.IsAlive));
        }

        Assert.Equal(10, pages.Count);
        Assert.InRange(maxAlive, 1, 2);
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
