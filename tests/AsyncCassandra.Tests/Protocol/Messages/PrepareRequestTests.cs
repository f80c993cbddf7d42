using AsyncCassandra.Protocol.Messages;

namespace AsyncCassandra.Tests.Protocol.Messages;

/// <summary>PREPARE: v3/v4 §4.1.5 a [long string]; v5 §4.1.5 &lt;query&gt;&lt;flags&gt;[&lt;keyspace&gt;] with [int] flags, 0x01 = with keyspace.</summary>
public class PrepareRequestTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Spec_v4_4_1_5_body_is_only_the_long_string_query(byte version)
    {
        // the keyspace cannot be sent before v5
        Assert.Equal(Hex.Bytes("00000008 53454C4543542031"), Wire.RequestBody(new PrepareRequest("SELECT 1", "ks"), version));
    }

    [Fact]
    public void Spec_v5_4_1_5_without_keyspace_flags_are_int_zero()
    {
        Assert.Equal(Hex.Bytes("00000008 53454C4543542031 00000000"), Wire.RequestBody(new PrepareRequest("SELECT 1", null), 5));
    }

    [Fact]
    public void Spec_v5_4_1_5_with_keyspace_flag_0x01_then_string()
    {
        Assert.Equal(Hex.Bytes("00000008 53454C4543542031 00000001 0002 6B73"), Wire.RequestBody(new PrepareRequest("SELECT 1", "ks"), 5));
    }

    [Fact]
    public void Spec_4_1_5_opcode_is_PREPARE_0x09()
    {
        Assert.Equal(0x09, (byte)new PrepareRequest("x", null).Opcode);
    }
}
