using System.Diagnostics;
using System.Text;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Ops;

/// <summary>The built tool under a pseudo-terminal (util-linux <c>script</c>), where it may ask and draw progress.</summary>
[TestFixture]
public sealed class Replaying_on_a_terminal
{
    private static async Task<(int ExitCode, string Screen)> RunOnTerminalAsync(string answer, params string[] args)
    {
        var command = string.Join(' ', new[] { "dotnet", OpsProcess.ToolPath }.Concat(args).Select(arg => $"'{arg}'"));
        var start = new ProcessStartInfo("script", ["-qefc", command, "/dev/null"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["TERM"] = "xterm";
        using var process = Process.Start(start)!;
        var screen = new StringBuilder();
        var reading = Task.Run(async () =>
        {
            var buffer = new char[4096];
            int read;
            while ((read = await process.StandardOutput.ReadAsync(buffer)) > 0)
                lock (screen) screen.Append(buffer, 0, read);
        });
        string Screen()
        {
            lock (screen) return screen.ToString();
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Screen().Contains("[y/n]", StringComparison.Ordinal) && !process.HasExited && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        await process.StandardInput.WriteAsync(answer);
        await process.StandardInput.FlushAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        await reading;
        return (process.ExitCode, Screen());
    }

    [Test]
    public async Task Asks_before_replaying_and_replays_when_the_answer_is_yes()
    {
        var deadLetters = await DeadLetterSamples.CreateTopicAsync();
        var metrics = TestInfrastructure.CreateTopic("ops-tty", partitions: 3);

        var (exitCode, screen) = await RunOnTerminalAsync("y\r", "dlq", "replay", "--dlq-topic", deadLetters, "--topic", metrics,
            "--replay-group", $"replay-{Guid.NewGuid():N}", "--bootstrap-servers", TestInfrastructure.Kafka.BootstrapServers);

        Assert.That(exitCode, Is.EqualTo(0), screen);
        Assert.That(screen, Does.Contain("Replay 4 record(s)"));
        Assert.That(TestKafka.ReadAll(metrics, 3), Has.Count.EqualTo(4));
    }

    [Test]
    public async Task Publishes_nothing_when_the_answer_is_no()
    {
        var deadLetters = await DeadLetterSamples.CreateTopicAsync();
        var metrics = TestInfrastructure.CreateTopic("ops-tty-no", partitions: 3);

        var (exitCode, screen) = await RunOnTerminalAsync("n\r", "dlq", "replay", "--dlq-topic", deadLetters, "--topic", metrics,
            "--replay-group", $"replay-{Guid.NewGuid():N}", "--bootstrap-servers", TestInfrastructure.Kafka.BootstrapServers);

        Assert.That(exitCode, Is.EqualTo(1), screen);
        Assert.That(screen, Does.Contain("Replay cancelled; nothing was published."));
        Assert.That(TestKafka.ReadAll(metrics, 3), Is.Empty);
    }
}
