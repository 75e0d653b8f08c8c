namespace Ingestion.Ops.Commands.Db;

/// <summary>Writes each progress report as a line, at once (Progress&lt;T&gt; would post it to the thread pool, out of order).</summary>
internal sealed class LineProgress(TextWriter writer) : IProgress<string>
{
    public void Report(string value)
    {
        lock (writer)
        {
            writer.WriteLine($"  {value}");
            writer.Flush();
        }
    }
}
