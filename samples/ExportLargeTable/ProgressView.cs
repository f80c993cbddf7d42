using System.Globalization;
using AsyncCassandra.Bulk;
using Spectre.Console;

namespace ExportLargeTable;

/// <summary>
/// Shows a bulk operation's progress: a Spectre.Console live progress bar (rows, rows/s, ETA, ranges) on a terminal,
/// plain lines (one a second) when the output is redirected.
/// </summary>
internal static class ProgressView
{
    public static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public static async Task<T> RunAsync<T>(string title, Func<IProgress<BulkProgress>, Task<T>> work)
    {
        if (!Interactive)
        {
            long last = 0;
            var plain = new Reporter(p =>
            {
                if (Environment.TickCount64 - last >= 1000)
                {
                    last = Environment.TickCount64;
                    Console.WriteLine(Line(p));
                }
            });
            return await work(plain);
        }

        T result = default!;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                ProgressTask task = context.AddTask(title, maxValue: 1.0);
                var live = new Reporter(p =>
                {
                    task.Value = p.Fraction;
                    task.Description = $"{title} [grey]{Markup.Escape(Counts(p))}[/]";
                });
                result = await work(live);
                task.Value = 1.0;
            });
        return result;
    }

    public static string Line(BulkProgress p) => string.Create(CultureInfo.InvariantCulture, $"progress {p.Fraction:P1} {Counts(p)} eta={(p.EstimatedRemaining is { } eta ? eta.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "?")}");

    private static string Counts(BulkProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"rows={p.Rows:N0} rows/s={p.RowsPerSecond:N0}{(p.RangesTotal > 0 ? $" ranges={p.RangesDone}/{p.RangesTotal}" : string.Empty)}{(p.Errors > 0 ? $" errors={p.Errors}" : string.Empty)}");

    /// <summary>Reports on the reporting thread, one at a time (Progress&lt;T&gt; would post to the thread pool and could reorder the last report).</summary>
    private sealed class Reporter(Action<BulkProgress> show) : IProgress<BulkProgress>
    {
        private readonly object _lock = new();

        public void Report(BulkProgress value)
        {
            lock (_lock)
            {
                show(value);
            }
        }
    }
}
