namespace AsyncCassandra.Tests.Execution;

/// <summary>The constant policy: a fixed delay before each extra execution, up to a maximum; bad settings are refused.</summary>
public class SpeculativeExecutionPolicyTests
{
    private static readonly Statement Any = new SimpleStatement("SELECT * FROM t");

    [Fact]
    public void Gives_the_delay_until_the_maximum_is_reached()
    {
        var policy = new ConstantSpeculativeExecutionPolicy(TimeSpan.FromMilliseconds(40), maxSpeculativeExecutions: 2);

        Assert.Equal(TimeSpan.FromMilliseconds(40), policy.NextExecutionDelay(Any, 1));
        Assert.Equal(TimeSpan.FromMilliseconds(40), policy.NextExecutionDelay(Any, 2));
        Assert.Null(policy.NextExecutionDelay(Any, 3));
    }

    [Fact]
    public void One_speculative_execution_by_default()
    {
        var policy = new ConstantSpeculativeExecutionPolicy(TimeSpan.FromMilliseconds(10));

        Assert.Equal(1, policy.MaxSpeculativeExecutions);
        Assert.NotNull(policy.NextExecutionDelay(Any, 1));
        Assert.Null(policy.NextExecutionDelay(Any, 2));
    }

    [Fact]
    public void Refuses_a_delay_that_is_not_positive_and_no_executions()
    {
        Assert.Equal("delay", Assert.Throws<ArgumentOutOfRangeException>(() => new ConstantSpeculativeExecutionPolicy(TimeSpan.Zero)).ParamName);
        Assert.Equal("delay", Assert.Throws<ArgumentOutOfRangeException>(() => new ConstantSpeculativeExecutionPolicy(TimeSpan.FromMilliseconds(-1))).ParamName);
        var none = Assert.Throws<ArgumentOutOfRangeException>(() => new ConstantSpeculativeExecutionPolicy(TimeSpan.FromMilliseconds(5), 0));
        Assert.Contains("SpeculativeExecutionPolicy to null", none.Message, StringComparison.Ordinal);
    }
}
