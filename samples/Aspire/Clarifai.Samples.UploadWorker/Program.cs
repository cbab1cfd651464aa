using Clarifai.Samples.UploadWorker;

var builder = Host.CreateApplicationBuilder(args);

// The connection string "clarifai" comes from the app host (the local server as an emulator, or the real API);
// the client gets a health check, tracing and metrics with it.
builder.AddClarifaiClient("clarifai");
builder.Services.AddHostedService<FolderUpload>();

await builder.Build().RunAsync();
