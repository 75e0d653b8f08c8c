using System.Text.Json;
using Ingestion.Kafka.Text;
using MassTransit.Serialization;

namespace Ingestion.Kafka.Batching.Reading;

/// <summary>
/// MassTransit's JSON settings for reading record values, with strings and string-to-string maps read through the shared
/// <see cref="Utf8StringCache"/>: a window's metrics then share their names and label texts instead of each holding copies.
/// </summary>
internal static class RecordJsonOptions
{
    public static JsonSerializerOptions Instance { get; } = Create(Utf8StringCache.Shared);

    public static JsonSerializerOptions Create(Utf8StringCache cache)
    {
        var options = new JsonSerializerOptions(SystemTextJsonMessageSerializer.Options);
        options.Converters.Insert(0, new CachedStringConverter(cache));
        options.Converters.Insert(0, new CachedLabelsConverter(cache));
        options.MakeReadOnly();
        return options;
    }
}
