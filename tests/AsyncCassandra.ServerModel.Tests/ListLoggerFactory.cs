using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AsyncCassandra.ServerModel.Tests;

/// <summary>Keeps every log entry of the client (level, text, exception) for assertions.</summary>
internal sealed class ListLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<(LogLevel Level, string Text, Exception? Error)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Text, Exception? Error)> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(ListLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._entries.Enqueue((logLevel, formatter(state, exception), exception));
    }
}
