using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AsyncCassandra.DelayProxy;

/// <summary>
/// Sleeps until a <see cref="Stopwatch"/> timestamp with sub-millisecond precision: Thread.Sleep and Task.Delay round
/// to whole milliseconds, which would turn a 0.5 ms delay into 1-2 ms. Linux nanosleep wakes within the thread's
/// timer slack (50 µs by default) and costs no CPU while waiting.
/// </summary>
internal static partial class PreciseSleep
{
    private static readonly bool Native = OperatingSystem.IsLinux();

    /// <summary>
    /// Asks the kernel to wake the calling thread's sleeps within 1 µs of their deadline instead of the default 50 µs
    /// timer slack (Linux prctl PR_SET_TIMERSLACK; elsewhere nothing).
    /// </summary>
    public static void TightenTimerSlack()
    {
        if (Native)
        {
            _ = Prctl(PrSetTimerSlack, 1_000, 0, 0, 0);
        }
    }

    public static void Until(long deadlineTimestamp)
    {
        while (true)
        {
            long remaining = deadlineTimestamp - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            long nanoseconds = (long)(remaining * (1e9 / Stopwatch.Frequency));
            if (Native)
            {
                var request = new Timespec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
                _ = NanoSleep(in request, IntPtr.Zero); // EINTR: the loop sleeps the rest
            }
            else
            {
                Thread.Sleep(TimeSpan.FromTicks(Math.Max(1, nanoseconds / 100)));
            }
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private const int PrSetTimerSlack = 29;

    [LibraryImport("libc.so.6", EntryPoint = "prctl")]
    private static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport("libc.so.6", EntryPoint = "nanosleep")]
    private static partial int NanoSleep(in Timespec request, IntPtr remaining);
}
