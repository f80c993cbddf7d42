using AsyncCassandra.Execution;
using AsyncCassandra.Protocol.Messages;

namespace AsyncCassandra.Tests.Protocol.Messages;

/// <summary>
/// QUERY (v3/v4 §4.1.4: [long string] query, [consistency], [byte] flags; v5 §4.1.4: [int] flags, keyspace 0x80)
/// and the &lt;query_parameters&gt; it shares with EXECUTE.
/// </summary>
public class QueryRequestTests
{
    // [long string] "SELECT 1"
    private const string Select1 = "00000008 53454C4543542031";

    private static byte[] Body(QueryParameters parameters, byte version, string cql = "SELECT 1") =>
        Wire.RequestBody(new QueryRequest(cql, parameters), version);

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Spec_v4_4_1_4_minimal_query_has_a_one_byte_flags_field(byte version)
    {
        var parameters = new QueryParameters { Consistency = ConsistencyLevel.One };
        Assert.Equal(Hex.Bytes(Select1 + " 0001 00"), Body(parameters, version));
    }

    [Fact]
    public void Spec_v5_4_1_4_minimal_query_has_an_int_flags_field()
    {
        var parameters = new QueryParameters { Consistency = ConsistencyLevel.LocalQuorum };
        Assert.Equal(Hex.Bytes(Select1 + " 0006 00000000"), Body(parameters, 5));
    }

    [Fact]
    public void Spec_4_1_4_query_text_is_a_long_string_in_utf8()
    {
        var parameters = new QueryParameters { Consistency = ConsistencyLevel.One };
        // "SELECT 'é'" = 53 45 4C 45 43 54 20 27 C3 A9 27: 11 bytes
        Assert.Equal(Hex.Bytes("0000000B 53454C45435420 27C3A927  0001 00"), Body(parameters, 4, "SELECT 'é'"));
    }

    [Fact]
    public void Spec_v4_4_1_4_flag_0x01_values_are_a_short_count_then_values()
    {
        var parameters = new QueryParameters
        {
            Consistency = ConsistencyLevel.Quorum,
            Values = new ObjectValues([1, "a", null], null),
        };
        byte[] expected = Hex.Bytes(Select1 + " 0004 01  0003  00000004 00000001  00000001 61  FFFFFFFF");
        Assert.Equal(expected, Body(parameters, 4));
    }

    [Fact]
    public void Spec_v4_4_1_4_unset_value_is_minus_two()
    {
        var parameters = new QueryParameters { Consistency = ConsistencyLevel.One, Values = new ObjectValues([Unset.Value], null) };
        Assert.Equal(Hex.Bytes(Select1 + " 0001 01 0001 FFFFFFFE"), Body(parameters, 4));
    }

    [Fact]
    public void Spec_v4_4_1_4_flag_0x02_skip_metadata()
    {
        var parameters = new QueryParameters { Consistency = ConsistencyLevel.One, SkipMetadata = true };
        Assert.Equal(Hex.Bytes(Select1 + " 0001 02"), Body(parameters, 4));
    }

    [Fact]
    public void Spec_v4_4_1_4_flag_0x04_page_size_is_an_int()
    {
        var parameters = new QueryParameters { Consistency = ConsistencyLevel.One, PageSize = 5000 };
        Assert.Equal(Hex.Bytes(Select1 + " 0001 04 00001388"), Body(parameters, 4));
    }

    [Fact]
    public void Spec_v4_4_1_4_page_size_zero_sends_no_flag()
    {
        var parameters = new QueryParameters { Consistency = ConsistencyLevel.One, PageSize = 0 };
        Assert.Equal(Hex.Bytes(Select1 + " 0001 00"), Body(parameters, 4));
    }

    [Fact]
    public void Spec_v4_4_1_4_flag_0x08_paging_state_is_bytes()
    {
        var parameters = new QueryParameters { Consistency = ConsistencyLevel.One, PageSize = 100, PagingState = Hex.Bytes("ABCD") };
        Assert.Equal(Hex.Bytes(Select1 + " 0001 0C 00000064 00000002 ABCD"), Body(parameters, 4));
    }

    [Fact]
    public void Spec_v4_4_1_4_flag_0x10_serial_consistency()
    {
        var parameters = new QueryParameters { Consistency = ConsistencyLevel.Quorum, SerialConsistency = ConsistencyLevel.LocalSerial };
        Assert.Equal(Hex.Bytes(Select1 + " 0004 10 0009"), Body(parameters, 4));
    }

    [Fact]
    public void Spec_v4_4_1_4_flag_0x20_default_timestamp_is_a_long_in_microseconds()
    {
        var parameters = new QueryParameters { Consistency = ConsistencyLevel.One, DefaultTimestamp = 1234567890L };
        Assert.Equal(Hex.Bytes(Select1 + " 0001 20 00000000499602D2"), Body(parameters, 4));
    }

    [Fact]
    public void Spec_v4_4_1_4_all_flags_in_field_order()
    {
        var parameters = new QueryParameters
        {
            Consistency = ConsistencyLevel.LocalQuorum,
            Values = new ObjectValues([7], null),
            SkipMetadata = true,
            PageSize = 5000,
            PagingState = Hex.Bytes("0102"),
            SerialConsistency = ConsistencyLevel.Serial,
            DefaultTimestamp = 1234567890L,
        };
        // flags 0x01|0x02|0x04|0x08|0x10|0x20 = 0x3F; then values, page size, paging state, serial, timestamp.
        byte[] expected = Hex.Bytes(Select1 + " 0006 3F  0001 00000004 00000007  00001388  00000002 0102  0008  00000000499602D2");
        Assert.Equal(expected, Body(parameters, 4));
    }

    [Fact]
    public void Spec_v5_4_1_4_all_flags_with_keyspace_0x80_last()
    {
        var parameters = new QueryParameters
        {
            Consistency = ConsistencyLevel.LocalQuorum,
            Values = new ObjectValues([7], null),
            SkipMetadata = true,
            PageSize = 5000,
            PagingState = Hex.Bytes("0102"),
            SerialConsistency = ConsistencyLevel.Serial,
            DefaultTimestamp = 1234567890L,
            Keyspace = "ks",
        };
        // v5 flags [int] 0x000000BF; <keyspace> [string] comes after <timestamp>.
        byte[] expected = Hex.Bytes(Select1 + " 0006 000000BF  0001 00000004 00000007  00001388  00000002 0102  0008  00000000499602D2  0002 6B73");
        Assert.Equal(expected, Body(parameters, 5));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Spec_v4_4_1_4_keyspace_does_not_exist_before_v5_and_is_not_sent(byte version)
    {
        var parameters = new QueryParameters { Consistency = ConsistencyLevel.One, Keyspace = "ks" };
        Assert.Equal(Hex.Bytes(Select1 + " 0001 00"), Body(parameters, version));
    }

    [Fact]
    public void SimpleStatement_builds_a_QUERY_from_its_settings_and_the_session_defaults()
    {
        var statement = new SimpleStatement("SELECT 1", 42L)
        {
            ConsistencyLevel = ConsistencyLevel.Two,
            SerialConsistencyLevel = ConsistencyLevel.LocalSerial,
            Timestamp = 1L,
        };
        IRequest request = new StatementRequest(statement, new RequestDefaults(ConsistencyLevel.One, null, 100));
        Assert.Equal(AsyncCassandra.Protocol.Opcode.Query, request.Opcode);
        // values 0x01 | page size 0x04 | serial 0x10 | timestamp 0x20 = 0x35; the inferred type of 42L is bigint.
        byte[] expected = Hex.Bytes(Select1 + " 0002 35  0001 00000008 000000000000002A  00000064  0009  0000000000000001");
        Assert.Equal(expected, Wire.RequestBody(request, 4));
    }

    [Fact]
    public void SimpleStatement_without_overrides_uses_the_default_consistency_and_page_size()
    {
        IRequest request = new StatementRequest(new SimpleStatement("SELECT 1"), new RequestDefaults(ConsistencyLevel.LocalOne, null, 5000));
        Assert.Equal(Hex.Bytes(Select1 + " 000A 00000004 00001388"), Wire.RequestBody(request, 5));
    }
}
