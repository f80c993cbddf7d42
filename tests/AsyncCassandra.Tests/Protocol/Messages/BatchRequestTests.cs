using AsyncCassandra.Execution;
using AsyncCassandra.Protocol.Messages;

namespace AsyncCassandra.Tests.Protocol.Messages;

/// <summary>
/// BATCH (v3/v4 §4.1.7: &lt;type&gt;&lt;n&gt;&lt;query_i&gt;...&lt;consistency&gt;[byte] flags[&lt;serial_consistency&gt;][&lt;timestamp&gt;];
/// v5 §4.1.7: [int] flags and [&lt;keyspace&gt;]). Each query is &lt;kind&gt; 0 + [long string] or 1 + [short bytes], then [short] n values.
/// </summary>
public class BatchRequestTests
{
    private static BatchChild Text(string cql, params object?[] values) => new(cql, null, values.Length == 0 ? null : new ObjectValues(values, null));

    private static BatchChild Prepared(byte[] id, params object?[] values) => new(null, id, values.Length == 0 ? null : new ObjectValues(values, null));

    [Fact]
    public void Spec_v4_4_1_7_logged_batch_with_a_text_and_a_prepared_child()
    {
        var request = new BatchRequest(0, [Text("INSERT"), Prepared(Hex.Bytes("0A0B"), 7)], ConsistencyLevel.Quorum, null, null, null);
        byte[] expected = Hex.Bytes(
            "00" + // type: logged
            "0002" + // n
            "00 00000006 494E53455254 0000" + // kind 0, [long string] "INSERT", no values
            "01 0002 0A0B 0001 00000004 00000007" + // kind 1, [short bytes] id, one [value]
            "0004" + // consistency QUORUM
            "00"); // flags [byte]
        Assert.Equal(expected, Wire.RequestBody(request, 4));
    }

    [Fact]
    public void Spec_v3_4_1_7_batch_layout_is_the_same_as_v4()
    {
        var request = new BatchRequest(1, [Text("X", "a")], ConsistencyLevel.One, null, null, null);
        Assert.Equal(Hex.Bytes("01 0001  00 00000001 58 0001 00000001 61  0001 00"), Wire.RequestBody(request, 3));
    }

    [Fact]
    public void Spec_v4_4_1_7_counter_batch_with_serial_consistency_and_timestamp()
    {
        var request = new BatchRequest(2, [Text("U")], ConsistencyLevel.One, ConsistencyLevel.LocalSerial, 1234567890L, null);
        // flags 0x10 | 0x20 = 0x30 (the 4 rightmost bits are always 0 for BATCH), then serial, then timestamp
        Assert.Equal(Hex.Bytes("02 0001  00 00000001 55 0000  0001 30 0009 00000000499602D2"), Wire.RequestBody(request, 4));
    }

    [Fact]
    public void Spec_v5_4_1_7_flags_are_an_int_and_keyspace_0x80_comes_last()
    {
        var request = new BatchRequest(1, [Text("U")], ConsistencyLevel.One, ConsistencyLevel.Serial, 1L, "ks");
        Assert.Equal(
            Hex.Bytes("01 0001  00 00000001 55 0000  0001 000000B0 0008 0000000000000001 0002 6B73"),
            Wire.RequestBody(request, 5));
    }

    [Fact]
    public void Spec_v5_4_1_7_no_flags_is_an_int_zero()
    {
        var request = new BatchRequest(0, [Prepared(Hex.Bytes("01"))], ConsistencyLevel.All, null, null, null);
        Assert.Equal(Hex.Bytes("00 0001  01 0001 01 0000  0005 00000000"), Wire.RequestBody(request, 5));
    }

    [Fact]
    public void Spec_v4_4_1_7_keyspace_is_not_sent_before_v5()
    {
        var request = new BatchRequest(0, [Text("U")], ConsistencyLevel.One, null, null, "ks");
        Assert.Equal(Hex.Bytes("00 0001  00 00000001 55 0000  0001 00"), Wire.RequestBody(request, 4));
    }

    [Fact]
    public void Spec_v4_4_1_7_child_values_may_be_null_or_unset()
    {
        var request = new BatchRequest(1, [Text("U", null, Unset.Value)], ConsistencyLevel.One, null, null, null);
        Assert.Equal(Hex.Bytes("01 0001  00 00000001 55 0002 FFFFFFFF FFFFFFFE  0001 00"), Wire.RequestBody(request, 4));
    }

    [Fact]
    public void BatchStatement_builds_a_BATCH_of_its_children()
    {
        var batch = new BatchStatement(BatchType.Unlogged)
        {
            new SimpleStatement("A", 1),
            new SimpleStatement("B"),
        };
        batch.ConsistencyLevel = ConsistencyLevel.Two;
        IRequest request = new StatementRequest(batch, new RequestDefaults(ConsistencyLevel.One, null, 5000));
        Assert.Equal(AsyncCassandra.Protocol.Opcode.Batch, request.Opcode);
        // page size does not apply to BATCH: no such field
        Assert.Equal(
            Hex.Bytes("01 0002  00 00000001 41 0001 00000004 00000001  00 00000001 42 0000  0002 00"),
            Wire.RequestBody(request, 4));
    }

    [Fact]
    public void Spec_4_1_7_batch_type_codes()
    {
        Assert.Equal(0, (byte)BatchType.Logged);
        Assert.Equal(1, (byte)BatchType.Unlogged);
        Assert.Equal(2, (byte)BatchType.Counter);
    }

    [Fact]
    public void An_empty_batch_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => Wire.RequestBody(new StatementRequest(new BatchStatement(), new RequestDefaults(ConsistencyLevel.One, null, 0)), 4));
    }

    [Fact]
    public void A_batch_is_never_inferred_idempotent()
    {
        Assert.False(new BatchStatement { new SimpleStatement("SELECT 1") }.Idempotent);
    }
}
