namespace Clarifai.Grpc.Emulator;

/// <summary>An evaluation to run: the app, the model, the record to fill, and the inputs to use (null: every labelled input).</summary>
internal sealed record EvaluationJob(AppData App, StoredModel Model, Clarifai.Api.EvalMetrics Record, IReadOnlyList<string>? InputIds);
