namespace Ingestion.Benchmarks.Suite.Report;

/// <summary>Puts the generated section into a page, leaving everything outside its markers as people wrote it.</summary>
public static class ReportDocument
{
    public static string Merge(string page, string section)
    {
        var begin = page.IndexOf(MarkdownReport.Begin, StringComparison.Ordinal);
        var end = page.IndexOf(MarkdownReport.End, StringComparison.Ordinal);
        if (begin >= 0 && end > begin)
        {
            var after = end + MarkdownReport.End.Length;
            if (after < page.Length && page[after] == '\n') after++;
            return page[..begin] + section + page[after..];
        }
        return page.Length == 0 || page.EndsWith('\n') ? page + "\n" + section : page + "\n\n" + section;
    }
}
