using Ingestion.Storage.Schema;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ingestion.Storage.Migrations
{
    /// <summary>
    /// Raw rows reference their series (<c>series_id</c>) instead of carrying name and labels; rows move partition by
    /// partition. Written as SQL because EF Core cannot express partitioning; see Ingestion.Storage/README.md.
    /// </summary>
    public partial class SeriesIdOnRawRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(SeriesIdOnRawRowsSql.Up);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(SeriesIdOnRawRowsSql.Down);
    }
}
