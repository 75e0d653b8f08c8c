namespace Ingestion.Tests.Kafka.Support;

/// <summary>Waits on a condition with a timeout (never a bare sleep).</summary>
internal static class Eventually
{
    public static async Task Until(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out after {timeout.TotalSeconds:F0} s waiting until {what}.");
            await Task.Delay(20);
        }
    }
}
