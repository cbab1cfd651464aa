using System.Runtime.InteropServices;
using Clarifai.Cli;

// The clarifai command. Credentials come from the same environment variables as the library
// (CLARIFAI_PAT, CLARIFAI_USER_ID, CLARIFAI_APP_ID, CLARIFAI_API_BASE), or from the options.
//
// SIGINT (Ctrl+C) and SIGTERM (a pod stopped, a job cancelled) cancel the command the same way: an upload stops reading,
// lets the requests in flight finish, records them in the checkpoint and prints the summary so far; the exit code then
// says which signal it was (130, 143). A second signal ends the process at once.
using var cancellation = new CancellationTokenSource();
var signalled = 0;
var exitOnSignal = ExitCodes.Cancelled;
void OnSignal(PosixSignalContext context, int exitCode)
{
    if (Interlocked.Exchange(ref signalled, 1) != 0) return; // the second one: the default action ends the process
    context.Cancel = true;
    exitOnSignal = exitCode;
    cancellation.Cancel();
}

using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => OnSignal(context, ExitCodes.Cancelled));
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => OnSignal(context, ExitCodes.Terminated));
return await ClarifaiCli.RunAsync(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable, interactive: !Console.IsOutputRedirected, cancellation.Token, () => exitOnSignal);
