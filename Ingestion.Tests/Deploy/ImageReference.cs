using System.Text.RegularExpressions;

namespace Ingestion.Tests.Deploy;

internal static partial class ImageReference
{
    /// <summary>The tag of an image reference (after the last ':' that is not part of a registry port), or null.</summary>
    public static string? Tag(string image)
    {
        var name = image.Split('@')[0];
        var lastSlash = name.LastIndexOf('/');
        var colon = name.IndexOf(':', lastSlash + 1);
        return colon < 0 ? null : name[(colon + 1)..];
    }

    /// <summary>Pinned: a digest, or a tag that carries a version number (not <c>latest</c>, not a bare name).</summary>
    public static bool IsPinned(string image) =>
        image.Contains("@sha256:", StringComparison.Ordinal) || (Tag(image) is { } tag && tag != "latest" && VersionTag().IsMatch(tag));

    [GeneratedRegex(@"^v?\d+(\.\d+)+")]
    private static partial Regex VersionTag();
}
