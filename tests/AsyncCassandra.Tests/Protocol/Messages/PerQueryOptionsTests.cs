using AsyncCassandra.Execution;
using AsyncCassandra.Protocol.Messages;

namespace AsyncCassandra.Tests.Protocol.Messages;

/// <summary>
/// The v5 per-request options a statement carries: the keyspace (v5 §4.1.4 and §4.1.7 flag 0x0080, a [string] after
/// the timestamp) and now_in_seconds (flag 0x0100, an [int] after the keyspace), and their refusal on v3/v4, whose
/// flags byte has no room for them (v4 §4.1.4).
/// </summary>
public class PerQueryOptionsTests
{
    private static readonly RequestDefaults Defaults = new(ConsistencyLevel.One, null, 0);

    [Fact]
    public void Spec_v5_4_1_4_a_simple_statement_sends_its_keyspace_with_flag_0x80()
    {
        var statement = new SimpleStatement("SELECT 1") { Keyspace = "ks" };
        // [long string] query, [consistency] ONE, [int] flags 0x80, [string] "ks"
        Assert.Equal(Hex.Bytes("00000008 53454C4543542031  0001 00000080  0002 6B73"), Wire.RequestBody(new StatementRequest(statement, Defaults), 5));
    }

    [Fact]
    public void Spec_v5_4_1_4_now_in_seconds_is_flag_0x100_an_int_after_the_keyspace()
    {
        var statement = new SimpleStatement("SELECT 1") { Keyspace = "ks", NowInSeconds = 0x01020304, Timestamp = 5 };
        // flags 0x20 | 0x80 | 0x100 = 0x1A0; [long] timestamp, [string] keyspace, [int] now_in_seconds, in that order
        Assert.Equal(
            Hex.Bytes("00000008 53454C4543542031  0001 000001A0  0000000000000005  0002 6B73  01020304"),
            Wire.RequestBody(new StatementRequest(statement, Defaults), 5));
    }

    [Fact]
    public void Spec_v5_4_1_6_execute_carries_now_in_seconds_in_its_query_parameters()
    {
        var parameters = new QueryParameters { Consistency = ConsistencyLevel.One, NowInSeconds = 7 };
        // [short bytes] id 0xCAFE, [short bytes] result metadata id 0xBEEF, [consistency], [int] flags 0x100, [int] 7
        Assert.Equal(
            Hex.Bytes("0002 CAFE  0002 BEEF  0001 00000100 00000007"),
            Wire.RequestBody(new ExecuteRequest([0xCA, 0xFE], [0xBE, 0xEF], parameters), 5));
    }

    [Fact]
    public void Spec_v5_4_1_7_a_batch_sends_its_keyspace_and_now_in_seconds_after_the_timestamp()
    {
        var batch = new BatchStatement(BatchType.Unlogged) { new SimpleStatement("A") };
        batch.Keyspace = "ks";
        batch.NowInSeconds = 9;
        // type 1, n 1, kind 0 [long string] "A", 0 values, [consistency] ONE, [int] flags 0x180, [string] ks, [int] 9
        Assert.Equal(
            Hex.Bytes("01 0001  00 00000001 41 0000  0001 00000180  0002 6B73  00000009"),
            Wire.RequestBody(new StatementRequest(batch, Defaults), 5));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void On_v3_and_v4_a_statement_keyspace_is_refused_with_a_clear_error(byte version)
    {
        var statement = new SimpleStatement("SELECT * FROM users") { Keyspace = "ks" };
        ProtocolVersionException error = Assert.Throws<ProtocolVersionException>(() => Wire.RequestBody(new StatementRequest(statement, Defaults), version));
        Assert.Contains("Keyspace", error.Message, StringComparison.Ordinal);
        Assert.Contains("v5", error.Message, StringComparison.Ordinal);
        Assert.Contains("keyspace.table", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void On_v3_and_v4_now_in_seconds_is_refused_with_a_clear_error(byte version)
    {
        var batch = new BatchStatement { new SimpleStatement("A") };
        batch.NowInSeconds = 1;
        ProtocolVersionException error = Assert.Throws<ProtocolVersionException>(() => Wire.RequestBody(new StatementRequest(batch, Defaults), version));
        Assert.Contains("NowInSeconds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_statement_in_a_batch_may_not_name_another_keyspace_than_the_batch()
    {
        var batch = new BatchStatement { new SimpleStatement("A") { Keyspace = "other" } };
        batch.Keyspace = "ks";
        Assert.Throws<InvalidOperationException>(() => Wire.RequestBody(new StatementRequest(batch, Defaults), 5));
    }
}
