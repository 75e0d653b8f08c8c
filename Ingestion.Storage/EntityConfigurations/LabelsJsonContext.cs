using System.Text.Json.Serialization;

namespace Ingestion.Storage.EntityConfigurations;

[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
internal sealed partial class LabelsJsonContext : JsonSerializerContext;
