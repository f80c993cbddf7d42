using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AsyncCassandra.Hosting.Tests;

/// <summary>An <see cref="ILoggerProvider"/> that keeps every record, for tests that read what was logged.</summary>
public sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<LogRecord> Records { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    public sealed record LogRecord(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Records.Enqueue(new LogRecord(category, logLevel, eventId, formatter(state, exception), exception));
    }
}
