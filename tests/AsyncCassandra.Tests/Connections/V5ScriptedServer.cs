using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using AsyncCassandra.Protocol.Framing;

namespace AsyncCassandra.Tests.Connections;

/// <summary>
/// A loopback peer speaking protocol v5 framing (v5 §2.3): STARTUP and READY unframed, then every envelope inside
/// CRC-checked segments, LZ4-compressed when STARTUP asked for lz4. Segment bytes go through the framing codec,
/// which its own tests check against independent reference CRCs.
/// </summary>
internal sealed class V5ScriptedServer : LoopbackServer
{
    private readonly Func<(byte Opcode, short Stream, byte[] Body), byte[]?> _handler;

    public V5ScriptedServer(Func<(byte Opcode, short Stream, byte[] Body), byte[]?> handler)
    {
        _handler = handler;
    }

    /// <summary>Corrupts one byte of the next reply's segment payload (its CRC32 then fails).</summary>
    public volatile bool CorruptNextReply;

    public static byte[] Envelope(byte opcode, short stream, byte[] body) => ScriptedServer.Frame(opcode, stream, body, version: 5);

    protected override async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            var buffer = new byte[4 << 20];
            int filled = 0;
            bool framed = false;
            bool compressed = false;
            using var assembler = new SegmentAssembler();
            try
            {
                while (true)
                {
                    int read = await socket.ReceiveAsync(buffer.AsMemory(filled), Stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    filled += read;
                    int offset = 0;
                    if (!framed)
                    {
                        if (filled < 9 || filled < 9 + BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(5)))
                        {
                            continue;
                        }

                        int length = BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(5));
                        short stream = BinaryPrimitives.ReadInt16BigEndian(buffer.AsSpan(2));
                        compressed = System.Text.Encoding.UTF8.GetString(buffer, 9, length).Contains("lz4", StringComparison.Ordinal);
                        offset = 9 + length;
                        await socket.SendAsync(Envelope(0x02, stream, []), Stop.Token); // READY, unframed
                        framed = true;
                    }

                    while (SegmentCodec.TryReadHeader(buffer.AsSpan(offset, filled - offset), compressed, out SegmentHeader header) && filled - offset >= header.TotalLength)
                    {
                        byte[] payload = new byte[Math.Max(1, header.DecodedLength)];
                        int length = SegmentCodec.ReadPayload(buffer.AsSpan(offset, header.TotalLength), header, payload);
                        offset += header.TotalLength;
                        assembler.Feed(payload.AsMemory(0, length), header.IsSelfContained);
                        var replies = new ArrayBufferWriter<byte>();
                        using (var encoder = new SegmentEncoder(compressed))
                        {
                            while (assembler.TryReadEnvelope(out ReadOnlyMemory<byte> envelope))
                            {
                                ReadOnlySpan<byte> e = envelope.Span;
                                byte[]? reply = _handler((e[4], BinaryPrimitives.ReadInt16BigEndian(e.Slice(2)), e.Slice(9).ToArray()));
                                if (reply is not null)
                                {
                                    encoder.Add(reply, replies);
                                }
                            }

                            encoder.Flush(replies);
                        }

                        if (replies.WrittenCount > 0)
                        {
                            byte[] bytes = replies.WrittenSpan.ToArray();
                            if (CorruptNextReply)
                            {
                                CorruptNextReply = false;
                                bytes[SegmentCodec.GetHeaderLength(compressed) + 1] ^= 0x40;
                            }

                            await socket.SendAsync(bytes, Stop.Token);
                        }
                    }

                    buffer.AsSpan(offset, filled - offset).CopyTo(buffer);
                    filled -= offset;
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
