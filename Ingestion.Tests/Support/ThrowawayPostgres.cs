using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Ingestion.Tests.Support;

/// <summary>
/// A PostgreSQL 15 cluster of our own in a temporary directory on a free loopback port. The server refuses to run as root,
/// which is what sessions and CI are, so as root the cluster belongs to the unprivileged <c>postgres</c> system user.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private readonly string directory;
    private readonly bool asPostgresUser;

    private ThrowawayPostgres(string directory, int port, bool asPostgresUser)
    {
        this.directory = directory;
        this.asPostgresUser = asPostgresUser;
        Port = port;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Password=postgres;Database=postgres;Pooling=true;Include Error Detail=true";
    }

    public int Port { get; }

    public string ConnectionString { get; }

    private string DataDirectory => Path.Combine(directory, "data");

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"ingestion-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(directory);
        var asPostgresUser = Environment.UserName == "root";
        if (asPostgresUser)
            await RunAsync("chown", ["postgres:postgres", directory], asUser: null);

        var port = FreePort();
        var server = new ThrowawayPostgres(directory, port, asPostgresUser);
        var passwordFile = Path.Combine(directory, "pwfile");
        await File.WriteAllTextAsync(passwordFile, "postgres\n");
        if (asPostgresUser)
            await RunAsync("chown", ["postgres:postgres", passwordFile], asUser: null);

        await server.RunPgAsync("initdb", ["-D", server.DataDirectory, "-U", "postgres", "--pwfile", passwordFile, "-A", "scram-sha-256", "--no-sync", "-E", "UTF8", "--locale", "C"]);
        // Durability settings off: a throwaway test cluster trades crash safety for speed.
        var options = $"-c port={port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={directory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        await server.RunPgAsync("pg_ctl", ["-D", server.DataDirectory, "-o", options, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "start"]);
        server.StopWhenGone(Environment.ProcessId);
        return server;
    }

    /// <summary>
    /// Starts a watchdog, in a session of its own so a process-group kill does not take it along, that stops the server
    /// and deletes its directory once process <paramref name="ownerProcessId"/> is gone: a test run that is killed
    /// (a timeout, Ctrl-C twice) never gets to <see cref="DisposeAsync"/> and would leave PostgreSQL running.
    /// </summary>
    public void StopWhenGone(int ownerProcessId)
    {
        var stop = asPostgresUser
            ? $"runuser -u postgres -- {BinDirectory}/pg_ctl -D '{DataDirectory}' -m immediate -w stop"
            : $"{BinDirectory}/pg_ctl -D '{DataDirectory}' -m immediate -w stop";
        var script = $"while kill -0 {ownerProcessId} 2>/dev/null && [ -d '{directory}' ]; do sleep 2; done; " +
                     $"if [ -d '{directory}' ]; then {stop} >/dev/null 2>&1; rm -rf '{directory}'; fi";
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var argument in new[] { "sh", "-c", script })
            start.ArgumentList.Add(argument);
        using var watchdog = Process.Start(start) ?? throw new InvalidOperationException("Could not start the PostgreSQL watchdog.");
    }

    /// <summary>Whether the server's data directory is still there (the watchdog deletes it after stopping the server).</summary>
    public bool Exists => Directory.Exists(DataDirectory);

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Stops the server, keeping the data directory (for outage tests).</summary>
    public Task StopAsync() => RunPgAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);

    /// <summary>Starts the server again after <see cref="StopAsync"/>.</summary>
    public Task RestartAsync()
    {
        var options = $"-c port={Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={directory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        return RunPgAsync("pg_ctl", ["-D", DataDirectory, "-o", options, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "start"]);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunPgAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Already stopped; the directory still goes.
        }
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Task RunPgAsync(string tool, string[] arguments) =>
        RunAsync(Path.Combine(BinDirectory, tool), arguments, asPostgresUser ? "postgres" : null);

    private static async Task RunAsync(string file, string[] arguments, string? asUser)
    {
        var start = new ProcessStartInfo(asUser is null ? file : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asUser is not null)
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(asUser);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(file);
        }
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}{await output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
