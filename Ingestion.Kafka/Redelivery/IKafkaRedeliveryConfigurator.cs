namespace Ingestion.Kafka.Redelivery;

/// <summary>
/// The rider's second level of failure handling (<c>e.UseRedelivery(r =&gt; ...)</c>): after MassTransit's retries, a
/// transient failure pauses the partition and the same records come back after a delay; nothing of the partition is
/// committed meanwhile.
/// </summary>
public interface IKafkaRedeliveryConfigurator
{
    /// <summary>
    /// Delays between redeliveries (default 5 s, 30 s, 2 min); the last one repeats, so a transient failure is redelivered
    /// until it goes away and never dead-lettered.
    /// </summary>
    void Intervals(params TimeSpan[] delays);

    /// <summary>Redeliveries of a record that failed with a non-transient error before it is dead-lettered (default 0).</summary>
    int NonTransientLimit { set; }

    /// <summary>Which exceptions are transient (default <see cref="TransientExceptions.IsTransient"/>).</summary>
    Func<Exception, bool> IsTransient { set; }

    /// <summary>
    /// Which failures are the record's (isolated to it and dead-lettered). Any other failure is an infrastructure fault:
    /// redelivered on the capped delays for as long as it takes, never dead-lettered, and the endpoint reports itself
    /// blocked. Default: a failure that is not transient is the record's.
    /// </summary>
    Func<Exception, bool>? IsRecordFault { set; }
}
