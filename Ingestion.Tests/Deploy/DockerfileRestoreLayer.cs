using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Ingestion.Tests.Deploy;

/// <summary>The files the Dockerfile copies before its restore step, and the projects the services need.</summary>
internal static partial class DockerfileRestoreLayer
{
    public const string RestoreStep = "RUN deploy/publish restore";

    /// <summary>(source, destination) of every COPY in the build stage before the restore step.</summary>
    public static IReadOnlyList<(string Source, string Destination)> Copies(string dockerfile)
    {
        var beforeRestore = dockerfile[..dockerfile.IndexOf(RestoreStep, StringComparison.Ordinal)];
        return CopyLine().Matches(beforeRestore)
            .SelectMany(m =>
            {
                var parts = m.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return parts[..^1].Select(source => (source, parts[^1]));
            })
            .ToList();
    }

    /// <summary>Recreates the build context as the restore step sees it: only the copied files.</summary>
    public static void Materialise(string dockerfile, string repositoryRoot, string target)
    {
        foreach (var (source, destination) in Copies(dockerfile))
        {
            var directory = destination is "./" or "." ? target : Path.Combine(target, destination.TrimEnd('/'));
            Directory.CreateDirectory(directory);
            File.Copy(Path.Combine(repositoryRoot, source), Path.Combine(directory, Path.GetFileName(source)), overwrite: true);
        }
    }

    /// <summary>Every project the given projects reference, transitively, as repository-relative paths.</summary>
    public static IReadOnlySet<string> ProjectClosure(string repositoryRoot, IEnumerable<string> projects)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(projects);
        while (pending.TryPop(out var project))
        {
            if (!seen.Add(project)) continue;
            var directory = Path.GetDirectoryName(project)!;
            foreach (var reference in XDocument.Load(Path.Combine(repositoryRoot, project)).Descendants("ProjectReference"))
            {
                var path = Path.GetRelativePath(repositoryRoot,
                    Path.GetFullPath(Path.Combine(repositoryRoot, directory, reference.Attribute("Include")!.Value.Replace('\\', '/'))));
                pending.Push(path);
            }
        }
        return seen;
    }

    [GeneratedRegex(@"^COPY (?!--from)(?<args>[^\r\n]+)$", RegexOptions.Multiline)]
    private static partial Regex CopyLine();
}
