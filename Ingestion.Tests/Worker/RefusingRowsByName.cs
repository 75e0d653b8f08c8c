using Npgsql;

namespace Ingestion.Tests.Worker;

/// <summary>
/// Makes PostgreSQL refuse raw rows of one metric name with SQLSTATE 23514 (check_violation), as a CHECK constraint on
/// the row's data would: a row PostgreSQL refuses that the validator cannot know about. Raw rows carry a series id, so a
/// trigger looks the name up (a CHECK constraint cannot).
/// </summary>
internal static class RefusingRowsByName
{
    /// <returns>The SQL that installs the refusal (a function and a trigger named after <paramref name="name"/>).</returns>
    public static string Sql(string name) => $$"""
        CREATE FUNCTION refuse_{{name}}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF (SELECT s.name FROM series s WHERE s.id = NEW.series_id) = '{{name}}' THEN
                RAISE EXCEPTION 'refused by the test: %', '{{name}}' USING ERRCODE = '23514';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER refuse_{{name}} BEFORE INSERT ON metrics FOR EACH ROW EXECUTE FUNCTION refuse_{{name}}();
        """;

    /// <summary>Installs the refusal once a starting worker has migrated the database (a trigger on an earlier table would go with it).</summary>
    public static async Task InstallWhenMigratedAsync(string connectionString, string name, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            try
            {
                await connection.OpenAsync();
                await using var migrated = new NpgsqlCommand(
                    "SELECT count(*) FROM information_schema.columns WHERE table_name = 'metrics' AND column_name = 'series_id'", connection);
                if ((long)(await migrated.ExecuteScalarAsync())! == 1)
                {
                    await using var command = new NpgsqlCommand(Sql(name), connection);
                    await command.ExecuteNonQueryAsync();
                    return;
                }
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName && DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The worker did not migrate the database in time.");
            await Task.Delay(200);
        }
    }
}
