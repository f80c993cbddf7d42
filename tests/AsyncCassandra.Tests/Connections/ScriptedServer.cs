using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace AsyncCassandra.Tests.Connections;

/// <summary>
/// A loopback socket that answers the client's frames with bytes a test scripts: READY to STARTUP, then whatever the
/// handler returns for each request frame (spec v3 §2 framing). It drives the connection code with byte buffers.
/// </summary>
internal sealed class ScriptedServer : LoopbackServer
{
    private readonly Func<(byte Opcode, short Stream, byte[] Body), byte[]?> _handler;

    public ScriptedServer(Func<(byte Opcode, short Stream, byte[] Body), byte[]?> handler)
    {
        _handler = handler;
    }

    /// <summary>How many reads the server needed to receive every frame (a coalescing client needs few).</summary>
    public int Reads;

    public int FramesReceived;

    public static byte[] Frame(byte opcode, short stream, byte[] body, byte version = 3)
    {
        var frame = new byte[9 + body.Length];
        frame[0] = (byte)(0x80 | version);
        BinaryPrimitives.WriteInt16BigEndian(frame.AsSpan(2), stream);
        frame[4] = opcode;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(5), body.Length);
        body.CopyTo(frame, 9);
        return frame;
    }

    /// <summary>RESULT Void: [int] kind 0x0001 (spec §4.2.5.1).</summary>
    public static byte[] VoidResult(short stream) => Frame(0x08, stream, [0, 0, 0, 1]);

    protected override async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            var buffer = new byte[1 << 20];
            int filled = 0;
            try
            {
                while (true)
                {
                    int read = await socket.ReceiveAsync(buffer.AsMemory(filled), Stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    Interlocked.Increment(ref Reads);
                    filled += read;
                    int offset = 0;
                    while (filled - offset >= 9)
                    {
                        int length = BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(offset + 5));
                        if (filled - offset < 9 + length)
                        {
                            break;
                        }

                        byte version = (byte)(buffer[offset] & 0x7F);
                        short stream = BinaryPrimitives.ReadInt16BigEndian(buffer.AsSpan(offset + 2));
                        byte opcode = buffer[offset + 4];
                        byte[] body = buffer.AsSpan(offset + 9, length).ToArray();
                        offset += 9 + length;
                        Interlocked.Increment(ref FramesReceived);
                        byte[]? reply = opcode switch
                        {
                            0x01 => version == 3 ? Frame(0x02, stream, []) : Frame(0x00, stream, ErrorBody(0x000A, $"Invalid or unsupported protocol version ({version}); supported versions are (3/v3)"), version),
                            _ => _handler((opcode, stream, body)),
                        };
                        if (reply is not null)
                        {
                            await socket.SendAsync(reply, Stop.Token);
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

    public static byte[] ErrorBody(int code, string message)
    {
        byte[] text = System.Text.Encoding.UTF8.GetBytes(message);
        var body = new byte[4 + 2 + text.Length];
        BinaryPrimitives.WriteInt32BigEndian(body, code);
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(4), (ushort)text.Length);
        text.CopyTo(body, 6);
        return body;
    }
}
