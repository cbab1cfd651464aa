using Clarifai.Grpc.Emulator;
using Microsoft.Extensions.Logging;

// Standalone: dotnet run --project src/Clarifai.Grpc.Emulator -- [--port N] [--latency-ms N] ...
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(EmulatorCommandLine.Usage);
    return 0;
}

EmulatorOptions options;
bool keyFromEnvironment, appKeyFromEnvironment;
try
{
    options = EmulatorCommandLine.Parse(args, Environment.GetEnvironmentVariable, out keyFromEnvironment, out appKeyFromEnvironment);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(EmulatorCommandLine.Usage);
    return 2;
}

var app = ClarifaiEmulator.Build(options, LogLevel.Warning);
await app.StartAsync();
var urls = app.Urls.ToList();
Console.WriteLine($"Clarifai emulator listening on {urls[0]} (gRPC, HTTP/2, no TLS)");
Console.WriteLine($"REST: {urls[1].TrimEnd('/').Replace("[::]", "127.0.0.1", StringComparison.Ordinal)}");
// One line per key, in exactly these forms, so that scripts can read them; a key handed over in the environment (an
// orchestrator's secret, e.g. an Aspire app host's) stays out of the output, which such a host keeps as logs.
Console.WriteLine(keyFromEnvironment ? $"Personal access token: (from {EmulatorCommandLine.KeyVariable})" : $"Personal access token: {options.ApiKey}");
foreach (var appKey in options.AppKeys)
{
    Console.WriteLine($"App key: {(appKeyFromEnvironment ? $"(from {EmulatorCommandLine.AppKeyVariable})" : appKey.Key)} (user_id {appKey.UserId}, app_id {appKey.AppId})");
}
Console.WriteLine("With the token any user_app_id is accepted; each (user_id, app_id) is its own app. Faults: " + (options.Faults.Any ? options.Faults.ToString() : "none"));
Console.WriteLine("Press Ctrl+C to stop.");
await app.WaitForShutdownAsync();
return 0;
