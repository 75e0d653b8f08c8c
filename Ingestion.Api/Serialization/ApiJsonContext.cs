using System.Text.Json;
using System.Text.Json.Serialization;
using Ingestion.Api.Model;
using Ingestion.Api.Model.Ops;

namespace Ingestion.Api.Serialization;

/// <summary>Source-generated serializers for every response DTO (no reflection on the hot path).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(MetricAccepted))]
[JsonSerializable(typeof(BatchAccepted))]
[JsonSerializable(typeof(MetricPage))]
[JsonSerializable(typeof(AggregateResult))]
[JsonSerializable(typeof(SeriesList))]
[JsonSerializable(typeof(MetricRequest))]
[JsonSerializable(typeof(MetricRequest[]))]
[JsonSerializable(typeof(OpsSummary))]
[JsonSerializable(typeof(DeadLetterPage))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
