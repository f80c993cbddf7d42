using AsyncCassandra.Testing;

namespace AsyncCassandra.Hosting.Tests;

/// <summary>
/// A node of these tests' own on 127.0.0.32 (docs/testing.md), which they stop, start and freeze without disturbing
/// other tests. It is started on demand: a start-up test needs it down first.
/// </summary>
public sealed class OwnNodeFixture : IAsyncLifetime
{
    public const int Octet = 32;
    public const string Address = "127.0.0.32";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private CassandraTestCluster? _node;

    public static bool Unavailable => Environment.GetEnvironmentVariable("CASSANDRA_CONTACT_POINTS") is { Length: > 0 };

    /// <summary>The node, started if it is not running.</summary>
    public async Task<CassandraTestCluster> StartedAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_node is null)
            {
                _node = await CassandraTestCluster.StartAsync(new CassandraTestClusterOptions { FirstAddressOctet = Octet, HeapMegabytes = 512, Log = line => Console.WriteLine("[own-node] " + line) });
            }
            else
            {
                await _node.StartNodeAsync(0);
            }

            return _node;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Makes sure nothing answers on the node's address.</summary>
    public async Task StoppedAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_node is not null)
            {
                await _node.StopNodeAsync(0);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}
