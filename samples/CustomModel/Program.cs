using Clarifai.Grpc.Emulator;
using Clarifai.Grpc.Wrapper;
using Clarifai.Grpc.Wrapper.Inputs;
using Clarifai.Grpc.Wrapper.Predictions;

// The seed walkthrough. With CLARIFAI_PAT (and CLARIFAI_USER_ID, CLARIFAI_APP_ID) set it talks to the real API and
// uses Clarifai's sample URLs; otherwise it starts the local emulator in this process and uses generated scenes.
using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(10));
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };
var ct = cancellation.Token;

var options = ClarifaiClientOptions.FromEnvironment();
ClarifaiEmulator? emulator = null;
List<NewInput> inputs;
(string Label, ImageSource Image)[] queries;
if (options.ApiKey is null)
{
    emulator = await ClarifaiEmulator.StartAsync(cancellationToken: ct);
    options = new ClarifaiClientOptions
    {
        Endpoint = emulator.Endpoint,
        ApiKey = emulator.ApiKey,
        AllowInsecureCredentials = true, // loopback only: the emulator has no TLS
        UserId = "sample-user",
        AppId = "sample-app",
    };
    Console.WriteLine($"No CLARIFAI_PAT set: using the local Clarifai emulator at {emulator.Endpoint}");

    // Ten warm scenes stand for the puppy "charlie", ten cold ones for "our_wedding", each with negative concepts.
    inputs = Enumerable.Range(0, 10).Select(i => NewInput.FromBytes(SceneGenerator.Png(ScenePalette.Warm, i)).WithConcepts("charlie").WithoutConcepts("our_wedding"))
        .Concat(Enumerable.Range(100, 10).Select(i => NewInput.FromBytes(SceneGenerator.Png(ScenePalette.Cold, i)).WithConcepts("our_wedding").WithoutConcepts("charlie", "cat")))
        .ToList();
    queries = [("a new warm scene", ImageSource.FromBytes(SceneGenerator.Png(ScenePalette.Warm, 999))), ("a new cold scene", ImageSource.FromBytes(SceneGenerator.Png(ScenePalette.Cold, 998)))];
}
else
{
    Console.WriteLine($"Using the Clarifai API at {options.Endpoint} as user {options.UserId}, app {options.AppId}");
    inputs =
    [
        NewInput.FromUrl("https://samples.clarifai.com/puppy.jpeg", allowDuplicateUrl: true).WithConcepts("charlie").WithoutConcepts("our_wedding"),
        NewInput.FromUrl("https://samples.clarifai.com/wedding.jpg", allowDuplicateUrl: true).WithConcepts("our_wedding").WithoutConcepts("charlie", "cat"),
    ];
    queries = [("puppy.jpeg", ImageSource.FromUrl("https://samples.clarifai.com/puppy.jpeg"))];
}

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
    if (emulator is not null) await emulator.DisposeAsync();
}
