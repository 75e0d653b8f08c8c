using Npgsql;

namespace Ingestion.Storage.Writing;

/// <summary>One row PostgreSQL refused: its index in the batch and the error.</summary>
public sealed record RowRefusal(int Index, PostgresException Error);
