using AsyncCassandra.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace AsyncCassandra.Connections;

/// <summary>
/// A connection's timer (every <see cref="IntervalMs"/>): it expires requests past their deadline (so no timer is armed
/// per request), releases a writer wake-up that a stalled batch of replies deferred, hands the reading to a new thread
/// when the I/O thread is stuck in a batch (<see cref="FrameReader.TakeOverStalledBatch"/>), and on an idle connection sends
/// OPTIONS every <see cref="ConnectionSettings.HeartbeatInterval"/> to prove it alive, closing it when that fails.
/// </summary>
internal sealed class Heartbeat : IDisposable
{
    /// <summary>How often the timer runs: a request times out at most this much after its deadline.</summary>
    public const int IntervalMs = 20;

    private readonly Connection _connection;
    private readonly FrameReader _reader;
    private readonly FrameWriter _writer;
    private readonly ConnectionSettings _settings;
    private readonly Timer _timer;
    private bool _inFlight;
    private int _sent;

    public Heartbeat(Connection connection, FrameReader reader, FrameWriter writer, ConnectionSettings settings)
    {
        _connection = connection;
        _reader = reader;
        _writer = writer;
        _settings = settings;
        _timer = new Timer(static s => ((Heartbeat)s!).OnTimer(), this, IntervalMs, IntervalMs);
    }

    /// <summary>Heartbeats sent so far.</summary>
    public int Sent => Volatile.Read(ref _sent);

    private void OnTimer()
    {
        try
        {
            Tick();
        }
        catch (Exception ex)
        {
            // A timer callback that throws would end the process: close this connection instead.
            _connection.Close(new ConnectionException($"The timer of the connection to {_connection.EndpointName} failed: {ex.Message}", ex) { Host = _connection.EndpointName });
        }
    }

    private void Tick()
    {
        _connection.SweepTimeouts();
        _reader.TakeOverStalledBatch();
        if (_writer.WakeDeferred)
        {
            // A continuation of a reply batch is still running (or blocked): do not hold its requests back longer.
            _writer.EndCompletionBatch();
        }

        if (_settings.HeartbeatInterval > TimeSpan.Zero)
        {
            Beat();
        }
    }

    private void Beat()
    {
        if (_connection.IsClosed || _inFlight)
        {
            return;
        }

        long idleMs = Environment.TickCount64 - _reader.LastReadTicks;
        if (idleMs < _settings.HeartbeatInterval.TotalMilliseconds)
        {
            return;
        }

        _inFlight = true;
        Interlocked.Increment(ref _sent);
        _ = BeatAsync();
    }

    private async Task BeatAsync()
    {
        using var timeout = new CancellationTokenSource(_settings.HeartbeatInterval);
        try
        {
            await _connection.RequestAsync(OptionsRequest.Instance, timeout.Token).ConfigureAwait(false);
            CassandraLog.HeartbeatAnswered(_settings.Logger, _connection.EndpointName);
        }
        catch (Exception ex) when (!_connection.IsClosed)
        {
            _connection.Close(new ConnectionException($"Heartbeat to {_connection.EndpointName} failed: {ex.Message}", ex) { Host = _connection.EndpointName });
        }
        catch (Exception)
        {
            // Already closed.
        }
        finally
        {
            _inFlight = false;
        }
    }

    public void Dispose() => _timer.Dispose();
}
