using System.Runtime.InteropServices;
using Ingestion.Ops;

// The first SIGINT/SIGTERM cancels the running command so it can finish cleanly (commit, delete files) and exit;
// a second one terminates the process at once.
using var stopping = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    if (stopping.IsCancellationRequested) return;
    context.Cancel = true;
    stopping.Cancel();
}
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

return await OpsApp.RunAsync(args, Console.Out, Console.Error, overrides: null, OpsTerminal.Detect(), stopping.Token);
