using Npgsql;

namespace Ingestion.Benchmarks.Suite.Running;

/// <summary>
/// CPU seconds a local PostgreSQL server has used: the postmaster, its live children (backends, WAL writer,
/// checkpointer, autovacuum) and the children it has already reaped. Found from a connection: the backend's parent.
/// </summary>
public sealed class PostgresCpu
{
    private PostgresCpu(int postmaster) => Postmaster = postmaster;

    public int Postmaster { get; }

    public static async Task<PostgresCpu> FindAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        var backend = (int)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException("pg_backend_pid() returned nothing."));
        return new PostgresCpu(ProcFs.ParentOf(backend));
    }

    public double CpuSeconds()
    {
        var seconds = ProcFs.CpuSeconds(Postmaster, withReapedChildren: true);
        foreach (var child in ProcFs.ChildrenOf(Postmaster))
        {
            try
            {
                seconds += ProcFs.CpuSeconds(child);
            }
            catch (IOException)
            {
                // exited between the listing and the read: its time is now in the postmaster's reaped children
            }
        }
        return seconds;
    }
}
