using System.Diagnostics;

namespace AsyncCassandra.Bulk.Progress;

/// <summary>Counts what a run did and reports it every interval (and once at the end) to the caller's <see cref="IProgress{T}"/>.</summary>
internal sealed class ProgressTracker : IAsyncDisposable
{
    private readonly IProgress<BulkProgress>? _progress;
    private readonly long _rowsBefore;
    private readonly int _rangesTotal;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Func<double> _fraction;
    private long _rows;
    private long _bytes;
    private long _errors;
    private int _rangesDone;

    public ProgressTracker(IProgress<BulkProgress>? progress, TimeSpan interval, long rowsBefore, int rangesDoneBefore, int rangesTotal, Func<double> fraction)
    {
        _progress = progress;
        _rowsBefore = rowsBefore;
        _rangesDone = rangesDoneBefore;
        _rangesTotal = rangesTotal;
        _fraction = fraction;
        _loop = progress is null ? Task.CompletedTask : LoopAsync(interval);
    }

    public TimeSpan Elapsed => _clock.Elapsed;

    public void AddRows(long rows) => Interlocked.Add(ref _rows, rows);

    public void SetBytes(long bytes) => Volatile.Write(ref _bytes, bytes);

    public void AddError() => Interlocked.Increment(ref _errors);

    public void RangeDone() => Interlocked.Increment(ref _rangesDone);

    /// <summary>The fraction of this run's work done when it started (a resumed run), so the rate and ETA count this run only.</summary>
    public double StartFraction { get; init; }

    public BulkProgress Snapshot()
    {
        TimeSpan elapsed = _clock.Elapsed;
        long rows = Volatile.Read(ref _rows);
        double rate = elapsed.TotalSeconds > 0 ? rows / elapsed.TotalSeconds : 0;
        double fraction = Math.Clamp(_fraction(), 0, 1);
        double thisRun = (fraction - StartFraction) / Math.Max(1e-12, 1 - StartFraction);
        TimeSpan? eta = thisRun > 0.001 && elapsed.TotalSeconds > 0.2 ? TimeSpan.FromSeconds(elapsed.TotalSeconds * (1 - thisRun) / thisRun) : null;
        return new BulkProgress(_rowsBefore + rows, Volatile.Read(ref _bytes), Volatile.Read(ref _rangesDone), _rangesTotal, elapsed, rate, fraction >= 1 ? TimeSpan.Zero : eta, Volatile.Read(ref _errors))
        {
            Fraction = fraction,
        };
    }

    private async Task LoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                _progress!.Report(Snapshot());
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Stops the periodic reports and sends the last one.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _progress?.Report(Snapshot());
        _stop.Dispose();
    }
}
