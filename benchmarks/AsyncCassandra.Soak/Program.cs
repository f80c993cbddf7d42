using System.Globalization;
using AsyncCassandra.Soak;

// A soak of the client against a 3-node cluster on loopback (127.0.0.93-95 by default, started and stopped by the
// test-node library): mixed reads, QUORUM writes, streams and prepares with random cancellation and short timeouts,
// while the third node is stopped and started again. Prints throughput, errors by type and memory at start, middle and
// end; exits 1 when memory grows beyond the bound, an unexpected error occurs, or the runtime's counters do not
// return to idle. See docs/testing.md ("Soak").
//
//   AsyncCassandra.Soak [--short] [--duration SECONDS] [--workers N] [--max-operations N] [--first-octet K]
//                       [--memory-bound-mb MB] [--no-churn]

var options = new SoakOptions();
for (int i = 0; i < args.Length; i++)
{
    string? value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--short":
            options.Duration = TimeSpan.FromSeconds(30);
            options.Workers = 16;
            break;
        case "--duration" when Number(value) is { } seconds:
            options.Duration = TimeSpan.FromSeconds(seconds);
            i++;
            break;
        case "--workers" when Number(value) is { } workers:
            options.Workers = (int)workers;
            i++;
            break;
        case "--max-operations" when Number(value) is { } max:
            options.MaxOperations = max;
            i++;
            break;
        case "--first-octet" when Number(value) is { } octet:
            options.FirstAddressOctet = (int)octet;
            i++;
            break;
        case "--memory-bound-mb" when Number(value) is { } mb:
            options.MemoryBoundBytes = mb * 1024 * 1024;
            i++;
            break;
        case "--no-churn":
            options.StopAt = null;
            break;
        default:
            Console.Error.WriteLine($"unknown or invalid option '{args[i]}'");
            Console.Error.WriteLine("usage: AsyncCassandra.Soak [--short] [--duration SECONDS] [--workers N] [--max-operations N] [--first-octet K] [--memory-bound-mb MB] [--no-churn]");
            return 2;
    }
}

Console.WriteLine($"soak: {options.Duration.TotalSeconds:0} s, {options.Workers} workers, at most {options.MaxOperations:N0} operations, " +
                  $"nodes 127.0.0.{options.FirstAddressOctet}-{options.FirstAddressOctet + 2}, memory bound {options.MemoryBoundBytes / 1048576} MB");
SoakResult result = await SoakRunner.RunAsync(options);
return result.Passed ? 0 : 1;

static long? Number(string? text) =>
    long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n > 0 ? n : null;
