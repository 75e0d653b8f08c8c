using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace Ingestion.Kafka.Native;

/// <summary>
/// Loads librdkafka once for the whole process, for Confluent.Kafka and for our own P/Invoke calls alike.
/// </summary>
/// <remarks>
/// The default <c>librdkafka.so</c> in librdkafka.redist links against <c>libsasl2.so.3</c> (the RHEL name); Debian and
/// Ubuntu ship <c>libsasl2.so.2</c>. When the default cannot load we fall back to the self-contained
/// <c>centos8-librdkafka.so</c> from the same package, and when nothing loads we fail with one sentence saying how to fix it.
/// </remarks>
public static class KafkaNativeLibrary
{
    internal const string Name = "librdkafka";

    private static readonly Lock Gate = new();
    private static nint handle;

    /// <summary>Loads librdkafka if it is not loaded yet; throws <see cref="KafkaNativeLibraryException"/> with a fix when it cannot.</summary>
    public static void EnsureLoaded()
    {
        if (handle != 0) return;
        lock (Gate)
        {
            if (handle != 0) return;
            var failures = new List<string>();
            foreach (var candidate in Candidates())
            {
                if (!File.Exists(candidate)) continue;
                if (NativeLibrary.TryLoad(candidate, out var loaded))
                {
                    // Confluent.Kafka dlopens a user-chosen path through DllImport("libdl"), a name glibc only ships in
                    // its -dev package; point it at the runtime soname instead.
                    TrySetResolver(typeof(Library).Assembly, (name, _, _) =>
                        name == "libdl" && NativeLibrary.TryLoad("libdl.so.2", out var libdl) ? libdl : 0);
                    Library.Load(candidate);
                    TrySetResolver(typeof(KafkaNativeLibrary).Assembly, Resolve);
                    handle = loaded;
                    return;
                }
                failures.Add(candidate);
            }
            throw new KafkaNativeLibraryException(
                "The Kafka native library (librdkafka) could not be loaded" +
                (failures.Count > 0 ? $" from {string.Join(", ", failures)}" : " (no librdkafka.so next to the application)") +
                ". On Debian or Ubuntu run as root: ln -s /usr/lib/x86_64-linux-gnu/libsasl2.so.2 /usr/lib/x86_64-linux-gnu/libsasl2.so.3 " +
                "(or run ./ingest up, which does it), and make sure the application was published with its runtimes/ folder.");
        }
    }

    private static void TrySetResolver(Assembly assembly, DllImportResolver resolver)
    {
        try
        {
            NativeLibrary.SetDllImportResolver(assembly, resolver);
        }
        catch (InvalidOperationException)
        {
            // A resolver is already set for that assembly (by us, earlier); keep it.
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == Name ? handle : 0;

    private static IEnumerable<string> Candidates()
    {
        var rid = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        var baseDirectory = AppContext.BaseDirectory;
        var nativeDirectory = Path.Combine(baseDirectory, "runtimes", rid, "native");
        yield return Path.Combine(nativeDirectory, "librdkafka.so");
        yield return Path.Combine(baseDirectory, "librdkafka.so");
        yield return Path.Combine(nativeDirectory, "centos8-librdkafka.so");
    }
}
