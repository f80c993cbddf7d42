using System.Buffers.Binary;

namespace AsyncCassandra.Protocol;

/// <summary>
/// The 9-byte frame header of protocol v3+ (v3/v4 §2; v5 §2.4 calls it the envelope header):
/// version (1: request 0x0N, response 0x8N), flags (1), stream ([short]), opcode (1), body length ([int]).
/// </summary>
internal readonly struct FrameHeader
{
    public FrameHeader(byte version, bool isResponse, HeaderFlags flags, short stream, Opcode opcode, int bodyLength)
    {
        Version = version;
        IsResponse = isResponse;
        Flags = flags;
        Stream = stream;
        Opcode = opcode;
        BodyLength = bodyLength;
    }

    public byte Version { get; }
    public bool IsResponse { get; }
    public HeaderFlags Flags { get; }
    public short Stream { get; }
    public Opcode Opcode { get; }
    public int BodyLength { get; }

    public int FrameLength => ProtocolVersions.HeaderLength + BodyLength;

    /// <summary>Parses a header; throws <see cref="ProtocolException"/> on a bad direction bit, version or length.</summary>
    public static FrameHeader Read(ReadOnlySpan<byte> header, byte expectedVersion, int maxBodyLength = ProtocolVersions.MaxBodyLength)
    {
        byte versionByte = header[0];
        byte version = (byte)(versionByte & 0x7F);
        bool isResponse = (versionByte & 0x80) != 0;
        int length = BinaryPrimitives.ReadInt32BigEndian(header.Slice(5, 4));
        if (!isResponse)
        {
            throw new ProtocolException($"Received a frame with the request direction bit (version byte 0x{versionByte:X2}); a server must send responses (0x8N). The connection is closed.");
        }

        if (version != expectedVersion)
        {
            throw new ProtocolException($"Received a v{version} frame on a connection that negotiated v{expectedVersion}. The connection is closed.");
        }

        if ((uint)length > (uint)maxBodyLength)
        {
            throw new ProtocolException($"Frame body length {length} is outside 0..{maxBodyLength} ({(maxBodyLength == ProtocolVersions.MaxBodyLength ? "spec §2.5" : "CassandraOptions.MaxFrameLength")}). The connection is closed.");
        }

        return new FrameHeader(version, true, (HeaderFlags)header[1], BinaryPrimitives.ReadInt16BigEndian(header.Slice(2, 2)), (Opcode)header[4], length);
    }

    public void Write(Span<byte> destination)
    {
        destination[0] = (byte)(Version | (IsResponse ? 0x80 : 0));
        destination[1] = (byte)Flags;
        BinaryPrimitives.WriteInt16BigEndian(destination.Slice(2, 2), Stream);
        destination[4] = (byte)Opcode;
        BinaryPrimitives.WriteInt32BigEndian(destination.Slice(5, 4), BodyLength);
    }

    /// <summary>Rewrites the stream id of an already serialized frame (a request is encoded once, then given a stream id per attempt).</summary>
    public static void PatchStream(Span<byte> frame, short stream) => BinaryPrimitives.WriteInt16BigEndian(frame.Slice(2, 2), stream);
}
