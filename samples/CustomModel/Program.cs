using Clarifai.Grpc.Wrapper;
using Clarifai.Grpc.Wrapper.Inputs;
using Clarifai.Grpc.Wrapper.Predictions;
#if LOCAL_SERVER_IN_PROCESS
using Clarifai.Grpc.Emulator;
#endif

// The seed walkthrough: add images with concepts, create model "pets", train, wait, predict, with Clarifai's sample
// images. With CLARIFAI_PAT (and CLARIFAI_USER_ID, CLARIFAI_APP_ID; CLARIFAI_API_BASE for another server than
// Clarifai's) it talks to that API. Without, it starts the local server in this process, which answers the sample URLs
// with its built-in images. Published as a native executable (dotnet publish -p:PublishAot=true), it has no server of
// its own and needs the variables: CI runs it so against a standalone local server, e.g.
//   dotnet run --project src/Clarifai.Grpc.Emulator -- --port 5080 --offline-samples
//   CLARIFAI_API_BASE=http://127.0.0.1:5080 CLARIFAI_PAT=clarifai-emulator-dev-key CLARIFAI_USER_ID=me CLARIFAI_APP_ID=pets ./CustomModel
using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(10));
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };
var ct = cancellation.Token;

var options = ClarifaiClientOptions.FromEnvironment();
#if LOCAL_SERVER_IN_PROCESS
ClarifaiEmulator? localServer = null;
#endif
if (options.ApiKey is null)
{
#if LOCAL_SERVER_IN_PROCESS
    localServer = await ClarifaiEmulator.StartAsync(new EmulatorOptions { OfflineSamples = true }, ct);
    options = new ClarifaiClientOptions { Endpoint = localServer.Endpoint, ApiKey = localServer.ApiKey, UserId = "sample-user", AppId = "sample-app" };
    Console.WriteLine($"No CLARIFAI_PAT set: using the local Clarifai server in this process at {localServer.Endpoint}, with its built-in sample images");
#else
    Console.Error.WriteLine("Set CLARIFAI_PAT, CLARIFAI_USER_ID and CLARIFAI_APP_ID, and CLARIFAI_API_BASE for the local server: see samples/CustomModel/Program.cs.");
    return 64;
#endif
}
else if (options.UserId is null || options.AppId is null)
{
    Console.Error.WriteLine("With CLARIFAI_PAT, set CLARIFAI_USER_ID and CLARIFAI_APP_ID too.");
    return 64;
}

// The local server on loopback has no TLS; a key is never sent over plaintext anywhere else.
options.AllowInsecureCredentials = options.Endpoint is { Scheme: "http", IsLoopback: true };
Console.WriteLine($"Using the Clarifai API at {options.Endpoint} as user {options.UserId}, app {options.AppId}");
List<NewInput> inputs =
[
    NewInput.FromUrl("https://samples.clarifai.com/puppy.jpeg", allowDuplicateUrl: true).WithConcepts("charlie").WithoutConcepts("our_wedding"),
    NewInput.FromUrl("https://samples.clarifai.com/wedding.jpg", allowDuplicateUrl: true).WithConcepts("our_wedding").WithoutConcepts("charlie", "cat"),
];
(string Label, ImageSource Image)[] queries = [("puppy.jpeg", ImageSource.FromUrl("https://samples.clarifai.com/puppy.jpeg"))];

try
{
    await using var clarifai = new ClarifaiClient(options);

    Console.WriteLine($"1. Add {inputs.Count} images with concepts (PostInputs)");
    var added = await clarifai.Inputs.AddAsync(inputs, cancellationToken: ct);
    Console.WriteLine($"   {(int)added.Status.Code} {added.Status.Description}: {added.Inputs.Length - added.Failed.Count()} added, {added.Failed.Count()} failed");
    foreach (var failed in added.Failed) Console.WriteLine($"   failed: {failed.Status}");

    Console.WriteLine("2. Create model 'pets' with concept 'charlie' (PostModels)");
    var model = await clarifai.Models.CreateAsync("pets", ["charlie"], cancellationToken: ct);
    Console.WriteLine($"   {(int)model.LatestVersion!.Status.Code} {model.LatestVersion.Status.Description}");

    Console.WriteLine("3. Train it (PostModelVersions)");
    var version = await clarifai.ModelVersions.TrainAsync("pets", cancellationToken: ct);
    Console.WriteLine($"   {(int)version.Status.Code} {version.Status.Description} (version {version.Id})");

    Console.WriteLine("4. Wait for training (GetModelVersion)");
    version = await clarifai.ModelVersions.WaitForTrainingAsync(version, cancellationToken: ct);
    Console.WriteLine($"   {(int)version.Status.Code} {version.Status.Description}");

    Console.WriteLine("5. Predict (PostModelOutputs)");
    foreach (var (label, image) in queries)
    {
        var prediction = await clarifai.Predictions.PredictAsync("pets", image, cancellationToken: ct);
        Console.WriteLine($"   {label}: {(int)prediction.Status.Code} {prediction.Status.Description}, model {prediction.ModelId} version {prediction.ModelVersionId}");
        foreach (var concept in prediction.Concepts) Console.WriteLine($"     {concept.Name} {concept.Value:0.00}");
    }

    return 0;
}
catch (ClarifaiException e)
{
    Console.Error.WriteLine($"Clarifai refused: {e.Message}");
    return 1;
}
finally
{
#if LOCAL_SERVER_IN_PROCESS
    if (localServer is not null) await localServer.DisposeAsync();
#endif
}
