using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Ingestion.Tests.Deploy;

/// <summary>Reads the files under deploy/ as plain YAML trees (maps, lists, strings), anchors and merge keys resolved.</summary>
internal static partial class DeployFiles
{
    /// <summary>Partitions of <c>metrics</c> in every deployment; the rider's provisioning default is the same.</summary>
    public const int DefaultMetricsPartitions = 3;

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string DeployDirectory => Path.Combine(RepositoryRoot, "deploy");

    public static string KubernetesDirectory => Path.Combine(DeployDirectory, "kubernetes");

    public static YamlMap Compose() => Load(Path.Combine(DeployDirectory, "docker-compose.yml")).Single();

    public static IReadOnlyList<(string File, YamlMap Document)> KubernetesManifests() =>
        Directory.GetFiles(KubernetesDirectory, "*.yaml").Order(StringComparer.Ordinal)
            .SelectMany(file => Load(file).Select(document => (Path.GetFileName(file), document)))
            .ToList();

    /// <summary>The variable names in deploy/README.md's configuration table; a <c>&lt;...&gt;</c> suffix makes a prefix.</summary>
    public static IReadOnlyList<string> ConfigurationTable()
    {
        var readme = File.ReadAllText(Path.Combine(DeployDirectory, "README.md"));
        var section = readme[readme.IndexOf("## Configuration", StringComparison.Ordinal)..];
        return TableRowName().Matches(section).Select(m => m.Groups["name"].Value).ToList();
    }

    public static bool IsInConfigurationTable(string variable, IReadOnlyList<string> table) =>
        table.Any(name => name.EndsWith('>')
            ? variable.StartsWith(name[..name.IndexOf('<', StringComparison.Ordinal)], StringComparison.Ordinal)
            : variable == name);

    public static string ProductVersion()
    {
        var props = File.ReadAllText(Path.Combine(RepositoryRoot, "Directory.Build.props"));
        return VersionElement().Match(props).Groups["version"].Value;
    }

    private static List<YamlMap> Load(string file)
    {
        using var reader = new StringReader(File.ReadAllText(file));
        var parser = new MergingParser(new Parser(reader));
        var deserializer = new DeserializerBuilder().Build();
        var documents = new List<YamlMap>();
        parser.Consume<StreamStart>();
        while (parser.Accept<DocumentStart>(out _))
        {
            if (deserializer.Deserialize<object?>(parser) is { } root)
                documents.Add(new YamlMap((Dictionary<object, object?>)root));
        }
        return documents;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Ingestion.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No Ingestion.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"^\| `(?<name>[^`]+)` \|", RegexOptions.Multiline)]
    private static partial Regex TableRowName();

    [GeneratedRegex(@"<Version>(?<version>[^<]+)</Version>")]
    private static partial Regex VersionElement();
}
