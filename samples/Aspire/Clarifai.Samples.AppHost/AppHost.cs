var builder = DistributedApplication.CreateBuilder(args);

// Clarifai as a resource. In run mode the local server stands in for it, with keys of its own, so the sample needs no
// account; take RunAsEmulator away (and set Parameters:clarifai-api-key) to run the same services on the real API.
var clarifai = builder.AddClarifai("clarifai")
    .WithApp("samples", "photos")
    .RunAsEmulator(emulator =>
    {
        // The local server is the Clarifai.LocalServer tool of the hosting package's version, from the NuGet feeds
        // this folder uses; LocalServer:Source and :Version point at another (the tests' freshly packed one).
        if (builder.Configuration["LocalServer:Source"] is { Length: > 0 } source) emulator.WithLocalServerSource(source);
        if (builder.Configuration["LocalServer:Version"] is { Length: > 0 } version) emulator.WithLocalServerVersion(version);
    });

builder.AddProject<Projects.Clarifai_Samples_UploadWorker>("uploader")
    .WithReference(clarifai)
    .WaitFor(clarifai)
    .WithEnvironment("Upload__Folder", Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "images")));

builder.AddProject<Projects.Clarifai_Samples_PredictApi>("api")
    .WithHttpEndpoint()
    .WithReference(clarifai)
    .WaitFor(clarifai)
    .WithHttpHealthCheck("/health");

await builder.Build().RunAsync();
