namespace Ingestion.Kafka.Consuming;

/// <summary>
/// The cancellation of one dispatch: the window's own abort when it goes alone; for a combined window, cancelled only once
/// every member partition aborted (a revoke past its stop timeout abandons its own window, not the others' in the same dispatch).
/// </summary>
internal sealed class GroupAborting : IDisposable
{
    private readonly CancellationTokenSource? source;
    private readonly CancellationTokenRegistration[] registrations = [];
    private int left;

    private GroupAborting(CancellationToken token) => Token = token;

    private GroupAborting(List<SubmittedWindow> group)
    {
        source = new CancellationTokenSource();
        Token = source.Token;
        left = group.Count;
        registrations = new CancellationTokenRegistration[group.Count];
        for (var i = 0; i < group.Count; i++)
            registrations[i] = group[i].Aborting.Register(MemberAborted);
    }

    public CancellationToken Token { get; }

    public static GroupAborting For(List<SubmittedWindow> group) => group.Count == 1 ? new(group[0].Aborting) : new(group);

    private void MemberAborted()
    {
        if (Interlocked.Decrement(ref left) == 0) source!.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in registrations) registration.Dispose();
        source?.Dispose();
    }
}
