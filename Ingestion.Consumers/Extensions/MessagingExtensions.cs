namespace Ingestion.Consumers.Extensions;

/// <summary>The bus and the Kafka rider: one topic endpoint for <c>metrics</c>, its group and the batch consumer.</summary>
internal static class MessagingExtensions
{
    public static void AddWorkerMessaging(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Wired once the rider's consume side is merged.
    }
}
