using System.IO.Compression;
using System.Xml.Linq;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Contracts;

/// <summary>
/// Ingestion.Contracts packed from the current sources into a temporary folder feed, with a prerelease version of its
/// own, so a package of the same version in the machine's NuGet cache can never stand in for it.
/// </summary>
internal sealed class ContractsPackage : IDisposable
{
    private ContractsPackage(DirectoryInfo root, string version)
    {
        Root = root;
        Version = version;
    }

    public DirectoryInfo Root { get; }

    public string Feed => Path.Combine(Root.FullName, "feed");

    public string Version { get; }

    public string NupkgPath => Path.Combine(Feed, $"Ingestion.Contracts.{Version}.nupkg");

    public static async Task<ContractsPackage> PackAsync(CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("ingestion-contracts-");
        var version = $"{Deploy.DeployFiles.ProductVersion()}-test.{Guid.NewGuid().ToString("N")[..8]}";
        var package = new ContractsPackage(root, version);
        var (exitCode, log) = await ExternalProcess.RunAsync("dotnet",
            ["pack", "Ingestion.Contracts/Ingestion.Contracts.csproj", "-o", package.Feed, "-nologo", $"-p:PackageVersion={version}"],
            Deploy.DeployFiles.RepositoryRoot, cancellationToken);
        if (exitCode != 0)
        {
            package.Dispose();
            throw new InvalidOperationException($"dotnet pack failed ({exitCode}):\n{log}");
        }
        return package;
    }

    /// <summary>The package's nuspec, with the namespace stripped so tests can use plain element names.</summary>
    public XElement Nuspec()
    {
        using var zip = ZipFile.OpenRead(NupkgPath);
        using var stream = zip.GetEntry("Ingestion.Contracts.nuspec")!.Open();
        var nuspec = XElement.Load(stream);
        foreach (var element in nuspec.DescendantsAndSelf()) element.Name = element.Name.LocalName;
        return nuspec.Element("metadata")!;
    }

    public IReadOnlyList<string> Files()
    {
        using var zip = ZipFile.OpenRead(NupkgPath);
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    public string ReadText(string entry)
    {
        using var zip = ZipFile.OpenRead(NupkgPath);
        using var reader = new StreamReader(zip.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }

    public void Dispose() => Root.Delete(recursive: true);
}
