namespace Ingestion.Api.Receivers.Otlp;

/// <summary>An attribute key and the label key it sanitises to (<see cref="PrometheusNames.LabelKey"/>'s cache).</summary>
internal sealed record LabelKeyEntry(string Key, string Label);
