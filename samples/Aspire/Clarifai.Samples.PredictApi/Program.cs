using Clarifai.Grpc.Wrapper;
using Clarifai.Grpc.Wrapper.Models;
using Clarifai.Grpc.Wrapper.Predictions;

var builder = WebApplication.CreateBuilder(args);
builder.AddClarifaiClient("clarifai");

var app = builder.Build();

// Ready when Clarifai answers (the client integration's health check).
app.MapHealthChecks("/health");

var general = ModelRef.Parse("https://clarifai.com/clarifai/main/models/general-image-recognition");

// POST an image's bytes: its concepts, highest first.
app.MapPost("/predict", async (HttpRequest request, ClarifaiClient clarifai, CancellationToken cancellationToken) =>
{
    using var body = new MemoryStream();
    await request.Body.CopyToAsync(body, cancellationToken);
    if (body.Length == 0) return Results.BadRequest("Post the image's bytes.");

    var prediction = await clarifai.Predictions.PredictAsync(general, ImageSource.FromBytes(body.ToArray()), cancellationToken: cancellationToken);
    return Results.Ok(prediction.Concepts.Select(concept => new ConceptScore(concept.Name, concept.Value)).ToArray());
});

// How many inputs the app holds (the worker's uploads).
app.MapGet("/inputs/count", async (ClarifaiClient clarifai, CancellationToken cancellationToken) =>
{
    var count = 0;
    await foreach (var _ in clarifai.Inputs.ListAsync().WithCancellation(cancellationToken)) count++;
    return Results.Ok(count);
});

await app.RunAsync();

/// <summary>A concept and its score, as the API answers it.</summary>
internal sealed record ConceptScore(string Name, float Value);
