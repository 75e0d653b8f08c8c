namespace Ingestion.Tests.Operations;

/// <summary>Waits on an asynchronous condition with a timeout, pausing between tries (never a bare sleep).</summary>
internal static class Poll
{
    public static async Task Until(Func<Task<bool>> condition, TimeSpan timeout, string what, TimeSpan? pause = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out after {timeout.TotalSeconds:F0} s waiting until {what}.");
            await Task.Delay(pause ?? TimeSpan.FromMilliseconds(250));
        }
    }
}
