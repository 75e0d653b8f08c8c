using Ingestion.Storage.Model;
using Ingestion.Storage.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ingestion.Storage.EntityConfigurations;

internal sealed class MetricRowConfiguration : IEntityTypeConfiguration<MetricRow>
{
    public void Configure(EntityTypeBuilder<MetricRow> builder)
    {
        // Range-partitioned by day on "timestamp" (see Schema/); a partitioned table's unique keys must hold the partition
        // key. The key (timestamp, id) is a record's identity (the writer's probe looks it up exactly) and also serves the
        // unfiltered newest-first listing and its keyset cursor, read backwards (README, "Partitioning and idempotency").
        builder.ToTable("metrics");
        builder.HasKey(m => new { m.Timestamp, m.Id }).HasName("pk_metrics");
        builder.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(m => m.SeriesId).HasColumnName("series_id");
        builder.Property(m => m.Value).HasColumnName("value").HasColumnType("double precision");
        builder.Property(m => m.Timestamp).HasColumnName("timestamp").HasColumnType("timestamp with time zone");
        builder.Property(m => m.ReceivedAt).HasColumnName("received_at").HasColumnType("timestamp with time zone");
        builder.Property(m => m.IngestedAt).HasColumnName("ingested_at").HasColumnType("timestamp with time zone")
            .HasDefaultValueSql("now()").ValueGeneratedOnAdd();

        // A series newest first: WHERE series_id = @s [AND timestamp < ..] ORDER BY timestamp DESC (lists, raw aggregates).
        builder.HasIndex(m => new { m.SeriesId, m.Timestamp }).IsDescending(false, true).HasDatabaseName("ix_metrics_series_timestamp");
        // The idempotency window: rows stamped at receipt, whatever their id, found by id at another timestamp (a retried
        // keyed request without a timestamp, a replayed record without times). Rows with their own timestamp have no entry.
        builder.HasIndex(m => m.Id).HasFilter(TimeOrderedKeySql.StampedPredicate).HasDatabaseName("ix_metrics_stamped_id");
    }
}
