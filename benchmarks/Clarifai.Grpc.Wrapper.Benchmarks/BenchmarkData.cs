using Clarifai.Api;
using Clarifai.Grpc.Emulator;
using Google.Protobuf;

namespace Clarifai.Grpc.Wrapper.Benchmarks;

/// <summary>Inputs and emulator set-ups shared by the benchmarks.</summary>
internal static class BenchmarkData
{
    public const string UserId = "bench";

    /// <summary><paramref name="count"/> distinct contents of <paramref name="size"/> random bytes (not images: uploads do not decode).</summary>
    public static ByteString[] Contents(int count, int size)
    {
        var random = new Random(17);
        var contents = new ByteString[count];
        for (var i = 0; i < count; i++)
        {
            var bytes = new byte[size];
            random.NextBytes(bytes);
            contents[i] = UnsafeByteOperations.UnsafeWrap(bytes);
        }

        return contents;
    }

    public static ClarifaiClientOptions Options(ClarifaiEmulator emulator, string appId) => new()
    {
        Endpoint = emulator.Endpoint,
        ApiKey = emulator.ApiKey,
        AllowInsecureCredentials = true,
        UserId = UserId,
        AppId = appId,
    };

    /// <summary>A model "bench" trained on warm and cold scenes in <paramref name="appId"/>, ready to predict.</summary>
    public static async Task TrainModelAsync(ClarifaiEmulator emulator, string appId)
    {
        using var client = new ClarifaiClient(Options(emulator, appId));
        await client.Inputs.AddAsync(
            Enumerable.Range(0, 10).Select(i => NewInput.FromBytes(SceneGenerator.Png(ScenePalette.Warm, i)).WithConcepts("warm"))
                .Concat(Enumerable.Range(0, 10).Select(i => NewInput.FromBytes(SceneGenerator.Png(ScenePalette.Cold, 100 + i)).WithConcepts("cold"))));
        await client.Models.CreateAsync("bench", ["warm", "cold"], new CreateModelOptions { ConceptsMutuallyExclusive = true });
        await client.ModelVersions.WaitForTrainingAsync(await client.ModelVersions.TrainAsync("bench"));
    }

    /// <summary>The answer an in-memory invoker gives to every PostModelOutputs: one output with two concepts.</summary>
    public static MultiOutputResponse CannedPrediction() => new()
    {
        Status = new Clarifai.Api.Status.Status { Code = Clarifai.Api.Status.StatusCode.Success, Description = "Ok", ReqId = "bench" },
        Outputs =
        {
            new Output
            {
                Status = new Clarifai.Api.Status.Status { Code = Clarifai.Api.Status.StatusCode.Success },
                Model = new Model { Id = "bench", ModelVersion = new ModelVersion { Id = "v1" } },
                Data = new Data { Concepts = { new Concept { Id = "cold", Name = "cold", Value = 0.1f }, new Concept { Id = "warm", Name = "warm", Value = 0.9f } } },
            },
        },
    };
}
