namespace AsyncCassandra.Tests.Execution;

/// <summary>
/// The default retry policy against scripted server errors (error meanings from v4 §9 / v5 §8): retry only where the
/// request certainly did not run, or runs safely twice.
/// </summary>
public class DefaultRetryPolicyTests
{
    private static readonly SimpleStatement Read = new("SELECT * FROM ks.t WHERE k = 1");
    private static readonly SimpleStatement Write = new("INSERT INTO ks.t (k, v) VALUES (1, 2)");

    private static RetryDecision Decide(CassandraException error, int attempt, bool idempotent, int maxAttempts = 3) =>
        new DefaultRetryPolicy { MaxAttempts = maxAttempts }.Decide(new RetryContext(idempotent ? Read : Write, error, attempt, idempotent));

    private static ReadTimeoutException ReadTimeout(int received, int blockFor, bool dataPresent) =>
        new("read timeout", ConsistencyLevel.Quorum, received, blockFor, dataPresent);

    private static WriteTimeoutException WriteTimeout(string writeType) =>
        new("write timeout", ConsistencyLevel.Quorum, 1, 2, writeType);

    private static UnavailableException Unavailable() => new("unavailable", ConsistencyLevel.Quorum, 2, 1);

    [Fact]
    public void Spec_9_read_timeout_with_enough_replicas_but_no_data_is_retried_once_on_the_same_host()
    {
        // §9 Read_timeout: "it is possible to have <received> >= <blockfor> if <data_present> is false"
        Assert.Equal(RetryDecision.RetrySameHost, Decide(ReadTimeout(2, 2, dataPresent: false), 0, idempotent: true));
        Assert.Equal(RetryDecision.RetrySameHost, Decide(ReadTimeout(3, 2, dataPresent: false), 0, idempotent: false));
        Assert.Equal(RetryDecision.Rethrow, Decide(ReadTimeout(2, 2, dataPresent: false), 1, idempotent: true));
    }

    [Theory]
    [InlineData(1, 2, false)] // not enough replicas answered
    [InlineData(2, 2, true)] // the data was there: the timeout is real
    [InlineData(0, 1, true)]
    public void Spec_9_other_read_timeouts_are_rethrown(int received, int blockFor, bool dataPresent)
    {
        Assert.Equal(RetryDecision.Rethrow, Decide(ReadTimeout(received, blockFor, dataPresent), 0, idempotent: true));
    }

    [Fact]
    public void Spec_9_write_timeout_on_the_batch_log_is_retried_once_for_idempotent_statements()
    {
        Assert.Equal(RetryDecision.RetrySameHost, Decide(WriteTimeout("BATCH_LOG"), 0, idempotent: true));
        Assert.Equal(RetryDecision.Rethrow, Decide(WriteTimeout("BATCH_LOG"), 1, idempotent: true));
    }

    [Theory]
    [InlineData("SIMPLE")]
    [InlineData("BATCH")]
    [InlineData("UNLOGGED_BATCH")]
    [InlineData("COUNTER")]
    [InlineData("BATCH_LOG")]
    [InlineData("CAS")]
    [InlineData("VIEW")]
    [InlineData("CDC")]
    public void Spec_9_write_timeout_of_a_non_idempotent_write_is_never_retried(string writeType)
    {
        Assert.Equal(RetryDecision.Rethrow, Decide(WriteTimeout(writeType), 0, idempotent: false));
    }

    [Theory]
    [InlineData("SIMPLE")]
    [InlineData("COUNTER")]
    [InlineData("CAS")]
    public void Spec_9_write_timeouts_other_than_batch_log_are_rethrown_even_when_idempotent(string writeType)
    {
        Assert.Equal(RetryDecision.Rethrow, Decide(WriteTimeout(writeType), 0, idempotent: true));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Spec_9_unavailable_is_retried_once_on_the_next_host_for_any_statement(bool idempotent)
    {
        // Unavailable: the coordinator did not run the request at all.
        Assert.Equal(RetryDecision.RetryNextHost, Decide(Unavailable(), 0, idempotent));
        Assert.Equal(RetryDecision.Rethrow, Decide(Unavailable(), 1, idempotent));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Spec_9_overloaded_and_bootstrapping_move_to_the_next_host_for_any_statement(bool idempotent)
    {
        Assert.Equal(RetryDecision.RetryNextHost, Decide(new OverloadedException("busy"), 0, idempotent));
        Assert.Equal(RetryDecision.RetryNextHost, Decide(new OverloadedException("busy"), 1, idempotent));
        Assert.Equal(RetryDecision.RetryNextHost, Decide(new IsBootstrappingException("booting"), 0, idempotent));
    }

    [Fact]
    public void Server_error_lost_connection_and_replica_failure_go_to_the_next_host_only_when_idempotent()
    {
        CassandraException[] errors =
        [
            new ServerErrorException("boom"),
            new ConnectionException("connection reset"),
            new ReadFailureException("read failure", ConsistencyLevel.One, 0, 1, 1, null, false),
        ];
        foreach (CassandraException error in errors)
        {
            Assert.Equal(RetryDecision.RetryNextHost, Decide(error, 0, idempotent: true));
            Assert.Equal(RetryDecision.Rethrow, Decide(error, 0, idempotent: false));
        }
    }

    [Fact]
    public void A_non_idempotent_write_is_not_retried_after_a_connection_loss()
    {
        var insert = new SimpleStatement("INSERT INTO ks.t (k) VALUES (1)");
        Assert.False(insert.Idempotent);
        var context = new RetryContext(insert, new ConnectionException("closed mid-request"), 0, insert.Idempotent);
        Assert.Equal(RetryDecision.Rethrow, new DefaultRetryPolicy().Decide(context));
    }

    [Fact]
    public void Statements_marked_idempotent_are_retried_after_a_connection_loss()
    {
        var upsert = new SimpleStatement("UPDATE ks.t SET v = 1 WHERE k = 1") { IsIdempotent = true };
        var context = new RetryContext(upsert, new ConnectionException("closed mid-request"), 0, upsert.Idempotent);
        Assert.Equal(RetryDecision.RetryNextHost, new DefaultRetryPolicy().Decide(context));
    }

    [Theory]
    [InlineData("SELECT * FROM t", true)]
    [InlineData("  select * FROM t", true)]
    [InlineData("INSERT INTO t (k) VALUES (1)", false)]
    [InlineData("UPDATE t SET v = 1 WHERE k = 1", false)]
    [InlineData("DELETE FROM t WHERE k = 1", false)]
    public void Idempotency_is_inferred_from_the_statement_kind(string cql, bool idempotent)
    {
        Assert.Equal(idempotent, new SimpleStatement(cql).Idempotent);
    }

    [Fact]
    public void Errors_that_retrying_cannot_fix_are_rethrown()
    {
        CassandraException[] errors =
        [
            new SyntaxErrorException("bad"),
            new InvalidQueryException("bad"),
            new UnauthorizedException("no"),
            new AlreadyExistsException("exists", "ks", "t"),
            new ProtocolException("bad frame"),
            new AuthenticationException("bad credentials"),
            new TruncateException("failed"),
            new CasWriteUnknownException("unknown"),
            new CdcWriteFailureException("cdc full"),
            new UnpreparedException("unknown id", [1]),
            new CassandraException("other"),
        ];
        foreach (CassandraException error in errors)
        {
            Assert.Equal(RetryDecision.Rethrow, Decide(error, 0, idempotent: true));
        }
    }

    [Fact]
    public void No_decision_exceeds_MaxAttempts()
    {
        Assert.Equal(RetryDecision.Rethrow, Decide(new OverloadedException("busy"), 2, idempotent: true)); // third attempt of 3
        Assert.Equal(RetryDecision.Rethrow, Decide(Unavailable(), 0, idempotent: true, maxAttempts: 1));
        Assert.Equal(RetryDecision.Rethrow, Decide(ReadTimeout(2, 2, false), 0, idempotent: true, maxAttempts: 1));
        Assert.Equal(RetryDecision.RetryNextHost, Decide(new OverloadedException("busy"), 3, idempotent: true, maxAttempts: 5));
    }

    /// <summary>Runs the policy over a script of errors, one per attempt, until it rethrows; returns its decisions.</summary>
    private static List<RetryDecision> Run(Statement statement, params CassandraException[] script)
    {
        var policy = new DefaultRetryPolicy();
        var decisions = new List<RetryDecision>();
        for (int attempt = 0; attempt < script.Length; attempt++)
        {
            RetryDecision decision = policy.Decide(new RetryContext(statement, script[attempt], attempt, statement.Idempotent));
            decisions.Add(decision);
            if (decision == RetryDecision.Rethrow)
            {
                break;
            }
        }

        return decisions;
    }

    [Fact]
    public void Scripted_idempotent_read_moves_on_then_stops_at_three_attempts()
    {
        List<RetryDecision> decisions = Run(Read, new OverloadedException("1"), new ServerErrorException("2"), new OverloadedException("3"), new OverloadedException("4"));
        Assert.Equal([RetryDecision.RetryNextHost, RetryDecision.RetryNextHost, RetryDecision.Rethrow], decisions);
    }

    [Fact]
    public void Scripted_read_timeout_retries_once_then_rethrows()
    {
        List<RetryDecision> decisions = Run(Read, ReadTimeout(1, 1, false), ReadTimeout(1, 1, false));
        Assert.Equal([RetryDecision.RetrySameHost, RetryDecision.Rethrow], decisions);
    }

    [Fact]
    public void Scripted_non_idempotent_write_after_unavailable_then_write_timeout_stops()
    {
        List<RetryDecision> decisions = Run(Write, Unavailable(), WriteTimeout("SIMPLE"), Unavailable());
        Assert.Equal([RetryDecision.RetryNextHost, RetryDecision.Rethrow], decisions);
    }

    [Fact]
    public void Scripted_non_idempotent_write_after_connection_loss_stops_at_once()
    {
        List<RetryDecision> decisions = Run(Write, new ConnectionException("reset"), new OverloadedException("x"));
        Assert.Equal([RetryDecision.Rethrow], decisions);
    }
}
