using System.Collections.Concurrent;
using System.Data.Common;
using System.Net.Sockets;
using System.Reflection;
using Ingestion.Kafka.Producing;

namespace Ingestion.Kafka;

/// <summary>
/// The default answer to "will this go away if we wait?": timeouts, socket errors, Kafka produce failures, any
/// <see cref="DbException"/> whose <c>IsTransient</c> is true (Npgsql sets it for connection loss, too many connections,
/// serialization failures), EF Core's exhausted execution strategy, and any exception type with a true <c>IsTransient</c>
/// property. Inner exceptions are inspected too. Detected without referencing Npgsql or EF Core.
/// </summary>
public static class TransientExceptions
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo?> IsTransientProperties = new();

    public static bool IsTransient(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case InvalidMessageException:
                    return false;
                case TimeoutException or SocketException or KafkaProduceException:
                    return true;
                case DbException { IsTransient: true }:
                    return true;
                case AggregateException aggregate:
                    return aggregate.InnerExceptions.Any(IsTransient);
            }
            var type = current.GetType();
            if (type.FullName is "Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException"
                or "Npgsql.NpgsqlException" && current.InnerException is SocketException or IOException)
                return true;
            if (IsTransientProperties.GetOrAdd(type, FindIsTransient) is { } property && property.GetValue(current) is true)
                return true;
        }
        return false;
    }

    private static PropertyInfo? FindIsTransient(Type type)
    {
        var property = type.GetProperty("IsTransient", BindingFlags.Public | BindingFlags.Instance);
        return property?.PropertyType == typeof(bool) ? property : null;
    }
}
