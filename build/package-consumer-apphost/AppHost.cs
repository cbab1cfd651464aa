using Aspire.Hosting.ApplicationModel;
using Clarifai.Aspire.Client;
using Clarifai.Grpc.Wrapper;
using Microsoft.Extensions.DependencyInjection;

// CLARIFAI_PACKAGE_FEED: the folder feed holding the Clarifai.LocalServer package. The resources' output goes to the
// console, so that a failure shows why.
var feed = Environment.GetEnvironmentVariable("CLARIFAI_PACKAGE_FEED") ?? throw new InvalidOperationException("Set CLARIFAI_PACKAGE_FEED to the folder feed that holds the Clarifai.LocalServer package.");
var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = args, DisableDashboard = true, EnableResourceLogging = true });
var clarifai = builder.AddClarifai("clarifai").WithApp("consumer", "app").RunAsEmulator(emulator => emulator.WithLocalServerSource(feed));

await using var app = builder.Build();
using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
await app.StartAsync(timeout.Token);
await app.Services.GetRequiredService<ResourceNotificationService>().WaitForResourceHealthyAsync("clarifai", timeout.Token);

var options = new ClarifaiClientOptions();
ClarifaiConnectionString.Apply((await clarifai.Resource.ConnectionStringExpression.GetValueAsync(timeout.Token))!, options);
using var client = new ClarifaiClient(options);
var model = await client.Models.CreateAsync("pets", ["cat", "dog"], cancellationToken: timeout.Token);
Console.WriteLine($"The emulator resource ran Clarifai.LocalServer {ClarifaiEmulatorResource.DefaultVersion} and created model '{model.Id}' in consumer/app.");
await app.StopAsync(timeout.Token);
