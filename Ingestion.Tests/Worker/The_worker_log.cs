using System.Text;

namespace Ingestion.Tests.Worker;

public sealed class The_worker_log
{
    [Test]
    public async Task Shows_escape_sequences_of_a_hostile_metric_name_escaped_never_raw()
    {
        var settings = await WorkerSettings.CreateAsync("worker-log-escape", partitions: 1);
        await using var worker = WorkerProcess.Start(settings);
        await worker.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));

        // Valid JSON whose name decodes to ESC ] 0 ; PWNED BEL (an OSC that retitles the terminal) and a C1 CSI.
        await RawTopic.ProduceAsync(settings.Topic, [Encoding.UTF8.GetBytes("""{"name":"\u001b]0;PWNED\u0007\u009b2J","value":1}""")]);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!worker.Output.Contains("PWNED", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            await Task.Delay(200);

        var output = worker.Output;
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain("\\u001b]0;PWNED\\u0007\\u009b2J"));
            Assert.That(output.Where(c => c != '\n' && (c < ' ' || c is >= '\u007f' and <= '\u009f')), Is.Empty);
        });
    }
}
