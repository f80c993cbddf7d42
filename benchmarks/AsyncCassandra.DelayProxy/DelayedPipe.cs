using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;

namespace AsyncCassandra.DelayProxy;

/// <summary>
/// One direction of a proxied connection: a reader thread receives chunks and stamps their arrival; a writer thread
/// sends each chunk once its arrival time plus the delay has passed. Chunks queue behind each other in order, so the
/// pipe adds latency without limiting throughput (a delay line, not a stop-and-wait). <c>onClosed(faulted)</c> runs
/// when the writer ends: after forwarding the end of the stream, or on a socket error (then the whole connection goes).
/// </summary>
internal sealed class DelayedPipe(Socket from, Socket to, long delayTimestampTicks, HoldStats stats, Action<bool> onClosed)
{
    private const int ChunkSize = 64 * 1024;
    private readonly BlockingCollection<Chunk> _queue = new(new ConcurrentQueue<Chunk>());

    public void Start(string name)
    {
        new Thread(Read) { IsBackground = true, Name = name + " read" }.Start();
        new Thread(Write) { IsBackground = true, Name = name + " write" }.Start();
    }

    private void Read()
    {
        try
        {
            while (true)
            {
                byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                int length = from.Receive(buffer);
                if (length == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    break;
                }

                _queue.Add(new Chunk(buffer, length, Stopwatch.GetTimestamp()));
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The peer reset or the other direction closed the sockets: nothing more to forward; the writer ends.
        }
        finally
        {
            _queue.CompleteAdding();
        }
    }

    private void Write()
    {
        bool faulted = false;
        PreciseSleep.TightenTimerSlack();
        try
        {
            foreach (Chunk chunk in _queue.GetConsumingEnumerable())
            {
                PreciseSleep.Until(chunk.Arrived + delayTimestampTicks);
                to.Send(chunk.Buffer.AsSpan(0, chunk.Length));
                stats.Add(Stopwatch.GetElapsedTime(chunk.Arrived).TotalMicroseconds, chunk.Length);
                ArrayPool<byte>.Shared.Return(chunk.Buffer);
            }

            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            faulted = true; // the receiving side is gone: the connection is over
        }
        finally
        {
            onClosed(faulted);
        }
    }

    private readonly record struct Chunk(byte[] Buffer, int Length, long Arrived);
}
