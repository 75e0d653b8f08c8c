namespace Ingestion.Api.Model.Ops;

/// <summary>This API instance's traffic. Rates are per second over the last <c>Dashboard:RateWindow</c>; null until two readings exist.</summary>
/// <param name="AcceptedPerSecond">Metrics Kafka acknowledged, per second.</param>
/// <param name="ClientErrorsPerSecond">Responses with a 4xx status, per second.</param>
/// <param name="ServerErrorsPerSecond">Responses with a 5xx status, per second.</param>
/// <param name="AcceptedTotal">Metrics accepted since the API started.</param>
/// <param name="AdmissionRefusing">True while admission control refuses ingestion; null when this API has no admission control.</param>
/// <param name="ProducerBreakerOpen">True while the produce circuit breaker is open; null when the producer does not report it.</param>
public sealed record ApiTrafficView(
    double? AcceptedPerSecond,
    double? ClientErrorsPerSecond,
    double? ServerErrorsPerSecond,
    long AcceptedTotal,
    bool? AdmissionRefusing,
    bool? ProducerBreakerOpen);
