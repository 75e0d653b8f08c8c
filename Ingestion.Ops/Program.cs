using System.Runtime.InteropServices;
using Ingestion.Ops;

// SIGINT/SIGTERM cancel the running command instead of killing the process, so it can clean up and exit 0.
using var stopping = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stopping.Cancel();
}
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

return await OpsApp.RunAsync(args, Console.Out, Console.Error, overrides: null, OpsTerminal.Detect(), stopping.Token);
