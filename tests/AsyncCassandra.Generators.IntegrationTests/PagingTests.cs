using AsyncCassandra.Generators.IntegrationTests.Repositories;

namespace AsyncCassandra.Generators.IntegrationTests;

/// <summary>Results of 20 pages (2,000 rows at PageSize = 100) through every paged shape.</summary>
[Collection(GeneratedNodeCollection.Name)]
public sealed class PagingTests(GeneratedNodeFixture fixture) : IAsyncLifetime
{
    private const int Rows = 2000;
    private const string Tenant = "paging";
    private readonly IEventRepository _events = IEventRepository.Create(fixture.Session);

    public async Task InitializeAsync()
    {
        if (await _events.CountAsync(Tenant) == Rows)
        {
            return;
        }

        await Parallel.ForEachAsync(Enumerable.Range(0, Rows), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (seq, ct) =>
            await _events.AddAsync(Tenant, seq, seq % 10 == 0 ? null : "payload " + seq, ct));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Stream_reads_twenty_pages_in_order()
    {
        int expected = 0;
        await foreach (var e in _events.StreamAsync(Tenant))
        {
            Assert.Equal(expected, e.Seq);
            Assert.Equal(expected % 10 == 0 ? null : "payload " + expected, e.Payload);
            expected++;
        }

        Assert.Equal(Rows, expected);
    }

    [Fact]
    public async Task Stream_without_a_token_parameter_honours_WithCancellation()
    {
        using var cts = new CancellationTokenSource();
        int read = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var e in _events.StreamWithoutTokenAsync(Tenant).WithCancellation(cts.Token))
            {
                if (++read == 150)
                {
                    cts.Cancel();
                }
            }
        });

        Assert.Equal(150, read);
    }

    [Fact]
    public async Task Stream_is_cancelled_between_rows_not_only_between_pages()
    {
        using var cts = new CancellationTokenSource();
        int read = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var e in _events.StreamAsync(Tenant, cts.Token))
            {
                if (++read == 5)
                {
                    cts.Cancel();
                }
            }
        });

        Assert.Equal(5, read);
    }

    [Fact]
    public async Task List_reads_every_page()
    {
        var all = await _events.ListAsync(Tenant);

        Assert.Equal(Enumerable.Range(0, Rows), all.Select(e => e.Seq));
    }

    [Fact]
    public async Task Pages_follow_the_paging_state()
    {
        var seqs = new List<int>();
        int pages = 0;
        byte[]? state = null;
        do
        {
            var page = await _events.PageAsync(Tenant, state);
            Assert.True(page.Items.Count <= 100);
            seqs.AddRange(page.Items.Select(e => e.Seq));
            state = page.PagingState;
            pages++;
        }
        while (state is not null);

        Assert.InRange(pages, 20, 21);
        Assert.Equal(Enumerable.Range(0, Rows), seqs);
    }

    [Fact]
    public async Task In_marker_with_a_list_and_limit_marker()
    {
        Assert.Equal([3, 5, 8], (await _events.SeqsAsync(Tenant, [8, 3, 5, 99_999])).Order());

        var first = new List<int>();
        await foreach (int seq in _events.FirstSeqsAsync(Tenant, 7))
        {
            first.Add(seq);
        }

        Assert.Equal(Enumerable.Range(0, 7), first);
    }
}
