using Ingestion.Storage.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ingestion.Storage.EntityConfigurations;

internal sealed class MetricRowConfiguration : IEntityTypeConfiguration<MetricRow>
{
    public void Configure(EntityTypeBuilder<MetricRow> builder)
    {
        // Range-partitioned by day on "timestamp" (see Migrations/StorageSql); a partitioned table's unique keys must hold the
        // partition key, so the key is (id, timestamp) and the writer enforces id uniqueness across partitions (README).
        builder.ToTable("metrics");
        builder.HasKey(m => new { m.Id, m.Timestamp }).HasName("pk_metrics");
        builder.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(m => m.Name).HasColumnName("name").IsRequired();
        builder.Property(m => m.Value).HasColumnName("value").HasColumnType("double precision");
        builder.Property(m => m.Timestamp).HasColumnName("timestamp").HasColumnType("timestamp with time zone");
        builder.Property(m => m.Labels).HasColumnName("labels").HasColumnType("jsonb").IsRequired()
            .HasDefaultValueSql("'{}'::jsonb")
            .HasConversion(LabelsJson.Converter, LabelsJson.Comparer);
        builder.Property(m => m.ReceivedAt).HasColumnName("received_at").HasColumnType("timestamp with time zone");
        builder.Property(m => m.IngestedAt).HasColumnName("ingested_at").HasColumnType("timestamp with time zone")
            .HasDefaultValueSql("now()").ValueGeneratedOnAdd();

        // Series by time: WHERE name = @n AND timestamp BETWEEN .. ORDER BY timestamp DESC.
        builder.HasIndex(m => new { m.Name, m.Timestamp }).IsDescending(false, true).HasDatabaseName("ix_metrics_name_timestamp");
        // Label containment (labels @> '{"host":"a"}'); jsonb_path_ops is smaller and faster for @> only.
        builder.HasIndex(m => m.Labels).HasMethod("gin").HasOperators("jsonb_path_ops").HasDatabaseName("ix_metrics_labels");
        // The unfiltered newest-first listing and its keyset cursor: (timestamp, id) < (@t, @id) ORDER BY timestamp DESC, id DESC.
        builder.HasIndex(m => new { m.Timestamp, m.Id }).IsDescending(true, true).HasDatabaseName("ix_metrics_timestamp_id");
    }
}
