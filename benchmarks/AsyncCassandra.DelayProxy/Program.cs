using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using AsyncCassandra.DelayProxy;

// A loopback TCP proxy that delays every chunk by a fixed time in each direction, so that a client on this machine
// sees a remote-like node (default 500 µs each way: ~1 ms added round trip). The workload variants W1d/W3d connect
// through it; benchmarks/run-workloads.sh starts one per run.
//
//   AsyncCassandra.DelayProxy --target 127.0.0.1:9042 [--listen 127.0.0.1:0] [--delay-us 500]
//
// Prints `BENCH_PROXY=host:port` (the bound address) on stdout once it listens; on SIGTERM or SIGINT it prints one
// stats line (connections, chunks, bytes and the measured hold per direction) on stderr and exits.

const string Usage = "usage: AsyncCassandra.DelayProxy --target host:port [--listen host:port] [--delay-us MICROSECONDS]";

IPEndPoint? target = null;
var listen = new IPEndPoint(IPAddress.Loopback, 0);
int delayMicros = 500;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--target" when i + 1 < args.Length && IPEndPoint.TryParse(args[i + 1], out IPEndPoint? t) && t.Port != 0:
            target = t;
            i++;
            break;
        case "--listen" when i + 1 < args.Length && IPEndPoint.TryParse(args[i + 1], out IPEndPoint? l):
            listen = l;
            i++;
            break;
        case "--delay-us" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int d):
            delayMicros = d;
            i++;
            break;
        default:
            Console.Error.WriteLine($"unknown or invalid option '{args[i]}'");
            Console.Error.WriteLine(Usage);
            return 2;
    }
}

if (target is null)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

long delayTicks = (long)(delayMicros * (Stopwatch.Frequency / 1e6));
var up = new HoldStats();
var down = new HoldStats();
int connections = 0;
using var stop = new ManualResetEventSlim();
using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

using var listener = new Socket(listen.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
listener.Bind(listen);
listener.Listen(64);
Console.WriteLine($"BENCH_PROXY={listener.LocalEndPoint}");
Console.Out.Flush();

var acceptor = new Thread(() =>
{
    try
    {
        while (true)
        {
            Socket client = listener.Accept();
            var server = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                server.Connect(target);
            }
            catch (SocketException ex)
            {
                Console.Error.WriteLine($"[proxy] cannot reach {target}: {ex.Message}");
                client.Dispose();
                server.Dispose();
                continue;
            }

            client.NoDelay = true;
            server.NoDelay = true;
            int id = Interlocked.Increment(ref connections);
            int open = 2;
            void Closed(bool faulted)
            {
                if (Interlocked.Decrement(ref open) == 0 || faulted)
                {
                    client.Dispose();
                    server.Dispose();
                }
            }

            new DelayedPipe(client, server, delayTicks, up, Closed).Start(string.Create(CultureInfo.InvariantCulture, $"c{id} up"));
            new DelayedPipe(server, client, delayTicks, down, Closed).Start(string.Create(CultureInfo.InvariantCulture, $"c{id} down"));
        }
    }
    catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
    {
        // The listener was closed: stopping.
    }
})
{ IsBackground = true, Name = "accept" };
acceptor.Start();

stop.Wait();
Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"proxy delay_us={delayMicros} connections={Volatile.Read(ref connections)} {up.Describe("up")} {down.Describe("down")}"));
return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Set();
}
