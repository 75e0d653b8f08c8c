using Ingestion.Storage.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ingestion.Storage.EntityConfigurations;

internal sealed class MetricRowConfiguration : IEntityTypeConfiguration<MetricRow>
{
    public void Configure(EntityTypeBuilder<MetricRow> builder)
    {
        builder.ToTable("metrics");
        builder.HasKey(m => m.Id);
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
        // Time ranges across all series; rows arrive roughly in time order, so a BRIN index stays tiny.
        builder.HasIndex(m => m.Timestamp).HasMethod("brin").HasDatabaseName("ix_metrics_timestamp_brin");
    }
}
