using Ingestion.Storage.Schema;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ingestion.Storage.Migrations
{
    /// <summary>
    /// Day-partitioned raw rows keyed by (id, timestamp), the <c>series</c> table, 1-minute and 1-hour rollups built for the
    /// rows already stored. Written as SQL because EF Core cannot express partitioning; see Ingestion.Storage/README.md.
    /// </summary>
    public partial class StorageForYears : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(StorageForYearsSql.CreateTables);
            migrationBuilder.Sql(SchemaFunctionsSql.Create);
            migrationBuilder.Sql(StorageForYearsSql.CopyRows);
            migrationBuilder.Sql(StorageForYearsSql.CreateIndexes);
            migrationBuilder.Sql(StorageForYearsSql.BuildRollups);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(StorageForYearsSql.Down);
            migrationBuilder.Sql(SchemaFunctionsSql.Drop);
        }
    }
}
