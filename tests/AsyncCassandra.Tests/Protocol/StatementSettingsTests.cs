using AsyncCassandra.Metadata;

namespace AsyncCassandra.Tests.Protocol;

/// <summary>
/// The settings most statements leave unset live in an object of their own, made when one is first set (a point read's
/// bound statement stays small): each still reads back what was set, and null again once cleared.
/// </summary>
public class StatementSettingsTests
{
    [Fact]
    public void Rarely_set_settings_read_back_what_was_set_and_null_once_cleared()
    {
        var statement = new SimpleStatement("SELECT v FROM ks.t");
        Assert.Null(statement.SerialConsistencyLevel);
        Assert.Null(statement.PageSize);
        Assert.Null(statement.PagingState);
        Assert.Null(statement.Timeout);
        Assert.Null(statement.Timestamp);
        Assert.Null(statement.NowInSeconds);
        Assert.Null(statement.RoutingToken);
        Assert.Null(statement.RoutingKeyspace);
        statement.Timeout = null; // clearing what was never set is fine

        statement.SerialConsistencyLevel = ConsistencyLevel.LocalSerial;
        statement.PageSize = 7;
        statement.PagingState = [1, 2];
        statement.Timeout = TimeSpan.FromSeconds(3);
        statement.Timestamp = 42;
        statement.NowInSeconds = 9;
        statement.RoutingToken = new Token(5);
        statement.RoutingKeyspace = "ks";
        Assert.Equal(ConsistencyLevel.LocalSerial, statement.SerialConsistencyLevel);
        Assert.Equal(7, statement.PageSize);
        Assert.Equal([1, 2], statement.PagingState);
        Assert.Equal(TimeSpan.FromSeconds(3), statement.Timeout);
        Assert.Equal(42, statement.Timestamp);
        Assert.Equal(9, statement.NowInSeconds);
        Assert.Equal(new Token(5), statement.RoutingToken);
        Assert.Equal("ks", statement.RoutingKeyspace);

        statement.PageSize = null;
        statement.Timestamp = null;
        Assert.Null(statement.PageSize);
        Assert.Null(statement.Timestamp);
        Assert.Equal(TimeSpan.FromSeconds(3), statement.Timeout); // the others stay
        Assert.Throws<ArgumentOutOfRangeException>(() => statement.Timestamp = -1);
        Assert.Null(statement.Timestamp);
    }
}
