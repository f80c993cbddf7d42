using System.Buffers.Binary;
using AsyncCassandra.Connections;
using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Messages;
using AsyncCassandra.Advanced;

namespace AsyncCassandra.Tests.Protocol;

/// <summary>A whole request frame: §2 header (version, flags, stream, opcode, length) followed by the §4.1 body.</summary>
public class FrameEncoderTests
{
    private static byte[] Encode(IRequest request, byte version, short stream, HeaderFlags flags = HeaderFlags.None, bool compress = false)
    {
        using CqlWriter writer = FrameEncoder.Encode(request, version, stream, flags, compress);
        return writer.WrittenSpan.ToArray();
    }

    [Fact]
    public void Spec_4_1_3_OPTIONS_frame_is_a_header_with_an_empty_body()
    {
        Assert.Equal(Hex.Bytes("04 00 0007 05 00000000"), Encode(OptionsRequest.Instance, 4, 7));
    }

    [Fact]
    public void Spec_4_1_8_REGISTER_frame_v5_has_header_length_matching_the_body()
    {
        // body: [string list] n=1, "SCHEMA_CHANGE" (13 bytes) -> 2 + 2 + 13 = 17 = 0x11 bytes.
        byte[] expected = Hex.Bytes("05 00 0100 0B 00000011  0001 000D 534348454D415F4348414E4745");
        Assert.Equal(expected, Encode(new RegisterRequest(["SCHEMA_CHANGE"]), 5, 0x0100));
    }

    [Fact]
    public void Spec_4_1_4_QUERY_frame_v3_with_tracing_flag()
    {
        var parameters = new QueryParameters { Consistency = ConsistencyLevel.One };
        // [long string] "SELECT 1" (8), consistency ONE, flags byte 0 -> body 4 + 8 + 2 + 1 = 15 = 0x0F.
        byte[] expected = Hex.Bytes("03 02 002A 07 0000000F  00000008 53454C4543542031 0001 00");
        Assert.Equal(expected, Encode(new QueryRequest("SELECT 1", parameters), 3, 42, HeaderFlags.Tracing));
    }

    [Fact]
    public void Spec_5_STARTUP_is_never_compressed_even_when_compression_is_on()
    {
        byte[] frame = Encode(new StartupRequest("lz4"), 4, 0, HeaderFlags.None, compress: true);
        Assert.Equal(0x04, frame[0]);
        Assert.Equal(0x00, frame[1]); // no compression flag
        Assert.Equal((byte)Opcode.Startup, frame[4]);
        Assert.Equal(frame.Length - 9, BinaryPrimitives.ReadInt32BigEndian(frame.AsSpan(5)));
        // The body is the plain [string map]: its first entry is CQL_VERSION (§4.1.1).
        Assert.Equal(Hex.Bytes("000B 43514C5F56455253494F4E 0005 332E302E30"), frame.AsSpan(11, 2 + 11 + 2 + 5).ToArray());
    }

    [Fact]
    public void Spec_5_compressed_QUERY_sets_flag_0x01_and_the_lz4_body_starts_with_the_uncompressed_length()
    {
        string cql = "SELECT * FROM ks.tbl WHERE id = 1" + string.Concat(Enumerable.Repeat(" AND id = 1", 30));
        var parameters = new QueryParameters { Consistency = ConsistencyLevel.One };
        byte[] plain = Encode(new QueryRequest(cql, parameters), 4, 3);
        byte[] compressed = Encode(new QueryRequest(cql, parameters), 4, 3, HeaderFlags.None, compress: true);

        Assert.True(plain.Length - 9 >= FrameEncoder.MinCompressedBodyLength);
        Assert.Equal(Hex.Bytes("04 01 0003 07"), compressed.AsSpan(0, 5).ToArray());
        Assert.Equal(compressed.Length - 9, BinaryPrimitives.ReadInt32BigEndian(compressed.AsSpan(5)));
        // v4 §5 lz4: "the first four bytes of the body will be the uncompressed length".
        Assert.Equal(plain.Length - 9, BinaryPrimitives.ReadInt32BigEndian(compressed.AsSpan(9)));
        AsyncCassandra.Protocol.Framing.Lz4BodyCompressor.Decompress(compressed.AsSpan(9), out byte[] buffer, out int length);
        Assert.Equal(plain.AsSpan(9).ToArray(), buffer.AsSpan(0, length).ToArray());
    }

    [Fact]
    public void Spec_5_short_bodies_go_uncompressed_without_the_flag_even_when_compression_is_on()
    {
        // v4 §5: "Frames do not have to be compressed, however, even if compression has been agreed upon".
        var parameters = new QueryParameters { Consistency = ConsistencyLevel.One };
        byte[] plain = Encode(new QueryRequest("SELECT * FROM ks.tbl WHERE id = 1", parameters), 4, 3);
        byte[] sent = Encode(new QueryRequest("SELECT * FROM ks.tbl WHERE id = 1", parameters), 4, 3, HeaderFlags.None, compress: true);

        Assert.True(plain.Length - 9 < FrameEncoder.MinCompressedBodyLength);
        Assert.Equal(0x00, sent[1]);
        Assert.Equal(plain, sent);
    }

    [Fact]
    public void Spec_2_3_stream_is_patched_per_attempt_without_touching_the_body()
    {
        byte[] frame = Encode(OptionsRequest.Instance, 5, 0);
        FrameHeader.PatchStream(frame, 0x7ABC);
        Assert.Equal(Hex.Bytes("05 00 7ABC 05 00000000"), frame);
    }
}
