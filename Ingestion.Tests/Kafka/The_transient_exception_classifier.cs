using System.Data.Common;
using System.Net.Sockets;
using Ingestion.Kafka.Consuming;
using Ingestion.Kafka.Producing;
using Ingestion.Kafka.Redelivery;
using Npgsql;

namespace Ingestion.Tests.Kafka;

[TestFixture]
public sealed class The_transient_exception_classifier
{
    [Test]
    public void Counts_timeouts_socket_errors_transient_database_errors_and_their_wrappers_as_transient() =>
        Assert.Multiple(() =>
        {
            Assert.That(TransientExceptions.IsTransient(new TimeoutException()), Is.True);
            Assert.That(TransientExceptions.IsTransient(new SocketException((int)SocketError.ConnectionRefused)), Is.True);
            Assert.That(TransientExceptions.IsTransient(new NpgsqlException("connection lost", new TimeoutException())), Is.True);
            Assert.That(TransientExceptions.IsTransient(new FakeDbException(transient: true)), Is.True);
            Assert.That(TransientExceptions.IsTransient(new InvalidOperationException("wrapped", new TimeoutException())), Is.True);
            Assert.That(TransientExceptions.IsTransient(new AggregateException(new ArgumentException(), new TimeoutException())), Is.True);
            Assert.That(TransientExceptions.IsTransient(new ExceptionWithIsTransient()), Is.True);
            Assert.That(TransientExceptions.IsTransient(new KafkaProduceException("no ack")), Is.True);
        });

    [Test]
    public void Counts_logic_errors_permanent_database_errors_and_invalid_messages_as_not_transient() =>
        Assert.Multiple(() =>
        {
            Assert.That(TransientExceptions.IsTransient(new InvalidOperationException()), Is.False);
            Assert.That(TransientExceptions.IsTransient(new FakeDbException(transient: false)), Is.False);
            Assert.That(TransientExceptions.IsTransient(new InvalidMessageException("bad", new TimeoutException())), Is.False);
        });

    private sealed class FakeDbException(bool transient) : DbException("database")
    {
        public override bool IsTransient => transient;
    }

    private sealed class ExceptionWithIsTransient : Exception
    {
        public bool IsTransient => true;
    }
}
