using System.Diagnostics;

namespace AsyncCassandra.Testing.Internal;

/// <summary>
/// A cross-process exclusive lock on a file. On Unix .NET implements <see cref="FileShare.None"/> with an
/// advisory <c>flock</c>, which the kernel releases when the holding process dies, so a crash never leaves it held.
/// </summary>
internal sealed class FileLock : IDisposable
{
    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    internal static async Task<FileLock> AcquireAsync(string path, TimeSpan timeout, Action<string>? log, string what, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var sw = Stopwatch.StartNew();
        var announced = false;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (sw.Elapsed < timeout)
            {
                if (!announced)
                {
                    log?.Invoke($"waiting for another process that holds the lock on {what} ({path})");
                    announced = true;
                }

                await Task.Delay(200, ct).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                throw new TimeoutException($"Could not lock {path} ({what}) within {timeout.TotalSeconds:0} s; another process holds it.", ex);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
