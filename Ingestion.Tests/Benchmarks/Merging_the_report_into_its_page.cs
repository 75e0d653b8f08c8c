using Ingestion.Benchmarks.Suite.Report;

namespace Ingestion.Tests.Benchmarks;

[TestFixture]
public sealed class Merging_the_report_into_its_page
{
    private static string Section(string body) => $"{MarkdownReport.Begin}\n{body}\n{MarkdownReport.End}\n";

    [Test]
    public void Replaces_only_the_text_between_the_markers()
    {
        var page = "# Benchmarks\n\nintro\n\n" + Section("old run") + "\n## History\n\nhand-written\n";

        var merged = ReportDocument.Merge(page, Section("new run"));

        Assert.That(merged, Is.EqualTo("# Benchmarks\n\nintro\n\n" + Section("new run") + "\n## History\n\nhand-written\n"));
    }

    [Test]
    public void Appends_the_section_to_a_page_without_markers()
    {
        var merged = ReportDocument.Merge("# Benchmarks\n\nhand-written\n", Section("first run"));

        Assert.That(merged, Is.EqualTo("# Benchmarks\n\nhand-written\n\n" + Section("first run")));
    }

    [Test]
    public void Keeps_the_page_stable_when_the_same_report_is_merged_twice()
    {
        var section = MarkdownReport.Write(SampleResults.Run(10_000, 20), "benchmarks/charts/");
        var once = ReportDocument.Merge("# Benchmarks\n", section);

        Assert.That(ReportDocument.Merge(once, section), Is.EqualTo(once));
    }
}
