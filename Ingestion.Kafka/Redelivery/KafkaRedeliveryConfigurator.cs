using Ingestion.Kafka.Configuration;

namespace Ingestion.Kafka.Redelivery;

internal sealed class KafkaRedeliveryConfigurator(KafkaTopicEndpointSettings settings) : IKafkaRedeliveryConfigurator
{
    public void Intervals(params TimeSpan[] delays)
    {
        ArgumentNullException.ThrowIfNull(delays);
        ArgumentOutOfRangeException.ThrowIfZero(delays.Length);
        if (delays.Any(d => d < TimeSpan.Zero))
            throw new ArgumentOutOfRangeException(nameof(delays), "A redelivery delay cannot be negative.");
        settings.RedeliveryDelays = [.. delays];
    }

    public int NonTransientLimit
    {
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            settings.NonTransientRedeliveryLimit = value;
        }
    }

    public Func<Exception, bool> IsTransient { set => settings.IsTransient = value ?? throw new ArgumentNullException(nameof(value)); }

    public Func<Exception, bool>? IsRecordFault { set => settings.IsRecordFault = value; }
}
