using System.Net;
using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Messages;

namespace AsyncCassandra.Tests.Protocol.Messages;

/// <summary>EVENT (§4.2.6): [string] type, then TOPOLOGY_CHANGE / STATUS_CHANGE [string] change + [inet], or SCHEMA_CHANGE.</summary>
public class EventResponseTests
{
    private static EventResponse Read(Body body)
    {
        byte[] bytes = body.ToArray();
        var reader = new CqlReader(bytes);
        EventResponse result = EventResponse.Read(ref reader);
        Assert.Equal(0, reader.Remaining);
        return result;
    }

    [Fact]
    public void Spec_4_2_6_topology_change_new_node_with_ipv4_inet()
    {
        EventResponse e = Read(new Body().String("TOPOLOGY_CHANGE").String("NEW_NODE").Hex("04 0A000002 00002352"));
        Assert.Equal("TOPOLOGY_CHANGE", e.Type);
        Assert.Equal("NEW_NODE", e.Change);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.0.0.2"), 9042), e.Address);
        Assert.Null(e.SchemaChange);
    }

    [Fact]
    public void Spec_4_2_6_status_change_down_with_ipv6_inet()
    {
        EventResponse e = Read(new Body().String("STATUS_CHANGE").String("DOWN").Hex("10 FE800000000000000000000000000001 00002352"));
        Assert.Equal("DOWN", e.Change);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("fe80::1"), 9042), e.Address);
    }

    [Fact]
    public void Spec_4_2_6_schema_change_type()
    {
        EventResponse e = Read(new Body().String("SCHEMA_CHANGE").String("CREATED").String("TYPE").String("ks").String("address"));
        Assert.Equal(new SchemaChange("CREATED", "TYPE", "ks", "address", null), e.SchemaChange);
        Assert.Null(e.Address);
    }

    [Fact]
    public void Spec_v4_4_2_6_schema_change_aggregate_has_argument_types()
    {
        EventResponse e = Read(new Body().String("SCHEMA_CHANGE").String("DROPPED").String("AGGREGATE").String("ks").String("avg2").StringList("bigint"));
        Assert.Equal("avg2", e.SchemaChange!.Name);
        Assert.Equal(["bigint"], e.SchemaChange.ArgumentTypes!);
    }

    [Fact]
    public void Spec_4_2_6_unknown_event_type_is_a_ProtocolException()
    {
        byte[] body = new Body().String("WEATHER_CHANGE").ToArray();
        Assert.Throws<ProtocolException>(() =>
        {
            var reader = new CqlReader(body);
            EventResponse.Read(ref reader);
        });
    }

    [Fact]
    public void Spec_4_2_6_truncated_inet_is_a_ProtocolException()
    {
        byte[] body = new Body().String("STATUS_CHANGE").String("UP").Hex("04 0A00").ToArray();
        Assert.Throws<ProtocolException>(() =>
        {
            var reader = new CqlReader(body);
            EventResponse.Read(ref reader);
        });
    }

    [Fact]
    public void Spec_4_2_6_EVENT_frame_on_stream_minus_one_is_decoded_by_the_response_reader()
    {
        FrameHeader header = FrameHeader.Read(Hex.Bytes("84 00 FFFF 0C 00000000"), 4);
        Assert.Equal((short)-1, header.Stream);
        byte[] body = new Body().String("STATUS_CHANGE").String("UP").Hex("04 7F000001 00002352").ToArray();
        var e = Assert.IsType<EventResponse>(Wire.ReadResponse(header.Opcode, body, 4));
        Assert.Equal("UP", e.Change);
        Assert.Equal(IPAddress.Loopback, e.Address!.Address);
    }
}
