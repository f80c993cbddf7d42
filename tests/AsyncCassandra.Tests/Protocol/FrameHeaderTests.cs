using AsyncCassandra.Protocol;

namespace AsyncCassandra.Tests.Protocol;

/// <summary>The 9-byte frame header: v3/v4 §2 (2.1 version, 2.2 flags, 2.3 stream, 2.4 opcode, 2.5 length), v5 §2.4.1.</summary>
public class FrameHeaderTests
{
    private static byte[] WriteHeader(FrameHeader header)
    {
        byte[] bytes = new byte[9];
        header.Write(bytes);
        return bytes;
    }

    [Theory]
    // §2.1: request versions are 0x03 / 0x04 / 0x05; stream 1, opcode QUERY 0x07, length 16.
    [InlineData(3, "03 00 0001 07 00000010")]
    [InlineData(4, "04 00 0001 07 00000010")]
    [InlineData(5, "05 00 0001 07 00000010")]
    public void Spec_2_request_header_has_exact_nine_bytes(byte version, string expected)
    {
        var header = new FrameHeader(version, isResponse: false, HeaderFlags.None, 1, Opcode.Query, 16);
        Assert.Equal(Hex.Bytes(expected), WriteHeader(header));
    }

    [Fact]
    public void Spec_2_3_stream_is_a_big_endian_short_and_2_5_length_a_big_endian_int()
    {
        var header = new FrameHeader(4, false, HeaderFlags.None, 0x1234, Opcode.Execute, 0x01020304);
        Assert.Equal(Hex.Bytes("04 00 1234 0A 01020304"), WriteHeader(header));
    }

    [Fact]
    public void Spec_2_3_largest_request_stream_32767_is_7FFF()
    {
        var header = new FrameHeader(4, false, HeaderFlags.None, short.MaxValue, Opcode.Options, 0);
        Assert.Equal(Hex.Bytes("04 00 7FFF 05 00000000"), WriteHeader(header));
    }

    [Fact]
    public void Spec_2_2_flags_byte_carries_tracing_0x02_and_custom_payload_0x04()
    {
        var header = new FrameHeader(4, false, HeaderFlags.Tracing | HeaderFlags.CustomPayload, 0, Opcode.Prepare, 3);
        Assert.Equal(Hex.Bytes("04 06 0000 09 00000003"), WriteHeader(header));
    }

    [Fact]
    public void Spec_2_1_response_direction_sets_bit_0x80()
    {
        var header = new FrameHeader(4, isResponse: true, HeaderFlags.None, 2, Opcode.Result, 4);
        Assert.Equal(Hex.Bytes("84 00 0002 08 00000004"), WriteHeader(header));
    }

    [Theory]
    [InlineData(3, "83 08 0005 08 0000002A")]
    [InlineData(4, "84 08 0005 08 0000002A")]
    [InlineData(5, "85 08 0005 08 0000002A")]
    public void Spec_2_response_header_is_parsed_field_by_field(byte version, string hex)
    {
        FrameHeader header = FrameHeader.Read(Hex.Bytes(hex), version);
        Assert.Equal(version, header.Version);
        Assert.True(header.IsResponse);
        Assert.Equal(HeaderFlags.Warning, header.Flags);
        Assert.Equal((short)5, header.Stream);
        Assert.Equal(Opcode.Result, header.Opcode);
        Assert.Equal(42, header.BodyLength);
        Assert.Equal(9 + 42, header.FrameLength);
    }

    [Fact]
    public void Spec_2_3_event_stream_minus_one_is_read_as_a_signed_short()
    {
        FrameHeader header = FrameHeader.Read(Hex.Bytes("84 00 FFFF 0C 00000000"), 4);
        Assert.Equal((short)-1, header.Stream);
        Assert.Equal(Opcode.Event, header.Opcode);
        Assert.Equal(0, header.BodyLength);
    }

    [Fact]
    public void Spec_2_5_body_of_exactly_256MB_is_accepted()
    {
        FrameHeader header = FrameHeader.Read(Hex.Bytes("84 00 0000 08 10000000"), 4);
        Assert.Equal(256 * 1024 * 1024, header.BodyLength);
    }

    [Fact]
    public void Spec_2_1_a_request_direction_frame_from_the_server_is_rejected()
    {
        Assert.Throws<ProtocolException>(() => FrameHeader.Read(Hex.Bytes("04 00 0000 08 00000000"), 4));
    }

    [Theory]
    [InlineData("83 00 0000 08 00000000", 4)]
    [InlineData("85 00 0000 08 00000000", 4)]
    [InlineData("84 00 0000 08 00000000", 5)]
    [InlineData("82 00 0000 08 00000000", 3)]
    public void Spec_2_1_a_frame_of_another_version_than_negotiated_is_rejected(string hex, byte negotiated)
    {
        var ex = Assert.Throws<ProtocolException>(() => FrameHeader.Read(Hex.Bytes(hex), negotiated));
        Assert.Contains($"v{negotiated}", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("84 00 0000 08 FFFFFFFF")] // -1
    [InlineData("84 00 0000 08 80000000")] // int.MinValue
    [InlineData("84 00 0000 08 10000001")] // 256 MB + 1 (§2.5 limit)
    [InlineData("84 00 0000 08 7FFFFFFF")]
    public void Spec_2_5_a_negative_or_oversized_length_is_rejected(string hex)
    {
        Assert.Throws<ProtocolException>(() => FrameHeader.Read(Hex.Bytes(hex), 4));
    }

    [Fact]
    public void PatchStream_rewrites_only_bytes_2_and_3_big_endian()
    {
        byte[] frame = Hex.Bytes("04 02 0000 07 00000002 AB CD");
        FrameHeader.PatchStream(frame, 0x0102);
        Assert.Equal(Hex.Bytes("04 02 0102 07 00000002 AB CD"), frame);
        FrameHeader.PatchStream(frame, 32767);
        Assert.Equal(Hex.Bytes("04 02 7FFF 07 00000002 AB CD"), frame);
    }

    [Fact]
    public void Spec_2_4_opcode_values()
    {
        // §2.4 opcode table, checked against the enum the header writes.
        Assert.Equal(0x00, (byte)Opcode.Error);
        Assert.Equal(0x01, (byte)Opcode.Startup);
        Assert.Equal(0x02, (byte)Opcode.Ready);
        Assert.Equal(0x03, (byte)Opcode.Authenticate);
        Assert.Equal(0x05, (byte)Opcode.Options);
        Assert.Equal(0x06, (byte)Opcode.Supported);
        Assert.Equal(0x07, (byte)Opcode.Query);
        Assert.Equal(0x08, (byte)Opcode.Result);
        Assert.Equal(0x09, (byte)Opcode.Prepare);
        Assert.Equal(0x0A, (byte)Opcode.Execute);
        Assert.Equal(0x0B, (byte)Opcode.Register);
        Assert.Equal(0x0C, (byte)Opcode.Event);
        Assert.Equal(0x0D, (byte)Opcode.Batch);
        Assert.Equal(0x0E, (byte)Opcode.AuthChallenge);
        Assert.Equal(0x0F, (byte)Opcode.AuthResponse);
        Assert.Equal(0x10, (byte)Opcode.AuthSuccess);
    }

    [Fact]
    public void Spec_2_2_flag_masks()
    {
        Assert.Equal(0x01, (byte)HeaderFlags.Compression);
        Assert.Equal(0x02, (byte)HeaderFlags.Tracing);
        Assert.Equal(0x04, (byte)HeaderFlags.CustomPayload);
        Assert.Equal(0x08, (byte)HeaderFlags.Warning);
        Assert.Equal(0x10, (byte)HeaderFlags.UseBeta); // v5 §2.4.1.2
    }
}
