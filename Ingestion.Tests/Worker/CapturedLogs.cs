using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Ingestion.Tests.Worker;

/// <summary>Keeps every log entry of a host (category, level, text and structured properties) for assertions.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    internal sealed record LogEntry(string Category, LogLevel Level, string Text, IReadOnlyDictionary<string, object?> Properties)
    {
        public Exception? Exception { get; init; }
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.ToDictionary(p => p.Key, p => p.Value) : [];
            owner.Entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), properties) { Exception = exception });
        }
    }
}
