using System.Net.Sockets;
using Ingestion.Consumers.Persisting;
using Npgsql;

namespace Ingestion.Tests.Worker;

/// <summary>Which failures may dead-letter a record: only SQLSTATE classes 22 and 23; everything else makes it wait.</summary>
public sealed class The_record_fault_rule
{
    private static PostgresException Postgres(string sqlState) => new("refused", "ERROR", "ERROR", sqlState);

    [TestCase("22P05")] // untranslatable character
    [TestCase("22021")] // invalid byte sequence
    [TestCase("23505")] // unique violation
    [TestCase("23502")] // not null violation
    public void Blames_the_record_for_data_and_integrity_errors(string sqlState)
    {
        Assert.That(RecordFaults.IsRecordFault(new InvalidOperationException("wrapped", Postgres(sqlState))), Is.True);
    }

    [TestCase("42P01")] // undefined table
    [TestCase("42703")] // undefined column
    [TestCase("42501")] // insufficient privilege
    [TestCase("57P01")] // admin shutdown
    [TestCase("53100")] // disk full
    [TestCase("08006")] // connection failure
    [TestCase("40001")] // serialization failure
    [TestCase("XX000")] // internal error
    public void Blames_the_infrastructure_for_every_other_sqlstate(string sqlState)
    {
        Assert.That(RecordFaults.IsRecordFault(Postgres(sqlState)), Is.False);
    }

    [Test]
    public void Blames_the_infrastructure_for_timeouts_connection_errors_and_anything_unknown()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RecordFaults.IsRecordFault(new TimeoutException()), Is.False);
            Assert.That(RecordFaults.IsRecordFault(new NpgsqlException("connection lost", new SocketException())), Is.False);
            Assert.That(RecordFaults.IsRecordFault(new NullReferenceException()), Is.False);
        });
    }

    [Test]
    public void Names_the_sqlstate_for_the_log()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RecordFaults.SqlStateOf(new InvalidOperationException("wrapped", Postgres("42P01"))), Is.EqualTo("42P01"));
            Assert.That(RecordFaults.SqlStateOf(new TimeoutException()), Is.Null);
        });
    }
}
