using WebApi.Infrastructure;

namespace AsyncCassandra.Samples.Tests;

/// <summary>
/// The WebApi sample's mapping of Cassandra's errors to HTTP statuses, for the errors a single test node cannot be
/// made to produce on demand (a lost Paxos round, too few replicas). The 503 of a stopped node and the 400 of a bad
/// page token are also tested over HTTP.
/// </summary>
public sealed class ProblemMappingTests
{
    public static TheoryData<Exception, int> Cases => new()
    {
        { new WriteTimeoutException("timeout", ConsistencyLevel.Serial, 0, 1, "CAS"), 409 },
        { new CasWriteUnknownException("unknown"), 409 },
        { new WriteTimeoutException("timeout", ConsistencyLevel.One, 0, 1, "SIMPLE"), 503 },
        { new ReadTimeoutException("timeout", ConsistencyLevel.One, 0, 1, false), 503 },
        { new UnavailableException("unavailable", ConsistencyLevel.Quorum, 2, 1), 503 },
        { new NoHostAvailableException("none"), 503 },
        { new OverloadedException("busy"), 503 },
        { new TimeoutException("slow"), 503 },
        { new ObjectDisposedException("session"), 503 },
        { new PagingTokenException("bad", PagingTokenError.Tampered), 400 },
        { new InvalidQueryException("bad cql"), 500 },
        { new InvalidOperationException("bug"), 500 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Cassandra_errors_map_to_statuses_a_client_can_act_on(Exception error, int status)
    {
        (int mapped, string title, string detail) = CassandraExceptionHandler.Map(error);
        Assert.Equal(status, mapped);
        Assert.NotEmpty(title);
        Assert.DoesNotContain(error.GetType().Name, detail, StringComparison.Ordinal);
    }
}
