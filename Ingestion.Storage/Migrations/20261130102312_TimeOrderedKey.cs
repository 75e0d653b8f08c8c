using Ingestion.Storage.Schema;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ingestion.Storage.Migrations
{
    /// <summary>
    /// Raw rows are keyed by (timestamp, id), which also serves time order, and index <c>ix_metrics_timestamp_id</c> goes;
    /// the idempotency window gets a partial index of its own. Written as SQL because EF Core cannot express partitioning;
    /// see Ingestion.Storage/README.md.
    /// </summary>
    public partial class TimeOrderedKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(TimeOrderedKeySql.Up);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(TimeOrderedKeySql.Down);
    }
}
