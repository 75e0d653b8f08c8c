using Ingestion.Storage.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ingestion.Storage.EntityConfigurations;

internal sealed class MetricRowConfiguration : IEntityTypeConfiguration<MetricRow>
{
    public void Configure(EntityTypeBuilder<MetricRow> builder)
    {
        // Range-partitioned by day on "timestamp" (see Schema/); a partitioned table's unique keys must hold the partition
        // key, so the key is (id, timestamp) and the writer enforces id uniqueness across partitions (README).
        builder.ToTable("metrics");
        builder.HasKey(m => new { m.Id, m.Timestamp }).HasName("pk_metrics");
        builder.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(m => m.SeriesId).HasColumnName("series_id");
        builder.Property(m => m.Value).HasColumnName("value").HasColumnType("double precision");
        builder.Property(m => m.Timestamp).HasColumnName("timestamp").HasColumnType("timestamp with time zone");
        builder.Property(m => m.ReceivedAt).HasColumnName("received_at").HasColumnType("timestamp with time zone");
        builder.Property(m => m.IngestedAt).HasColumnName("ingested_at").HasColumnType("timestamp with time zone")
            .HasDefaultValueSql("now()").ValueGeneratedOnAdd();

        // A series newest first: WHERE series_id = @s [AND timestamp < ..] ORDER BY timestamp DESC (lists, raw aggregates).
        builder.HasIndex(m => new { m.SeriesId, m.Timestamp }).IsDescending(false, true).HasDatabaseName("ix_metrics_series_timestamp");
        // The unfiltered newest-first listing and its keyset cursor: (timestamp, id) < (@t, @id) ORDER BY timestamp DESC, id DESC.
        builder.HasIndex(m => new { m.Timestamp, m.Id }).IsDescending(true, true).HasDatabaseName("ix_metrics_timestamp_id");
    }
}
