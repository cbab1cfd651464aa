using Clarifai.Api;
using Clarifai.Grpc.Wrapper;
using Clarifai.Grpc.Wrapper.Predictions;
using Clarifai.Grpc.Wrapper.Redis;
using Clarifai.Grpc.Wrapper.Sqlite;
using Clarifai.Grpc.Wrapper.Testing;
using Grpc.Core;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Uses the generated API (Clarifai.Api, shipped inside the package), the client, the Testing helpers and the AI
// package's chat client on a model of the current kind (called by its method signature), over an in-memory invoker:
// no network, no npm.
var rpcs = ServiceReflection.Descriptor.Services.Single(s => s.Name == "V2").Methods.Count;
using var clarifai = new ClarifaiClient(new ClarifaiClientOptions { ApiKey = "consumer-key", UserId = "u", AppId = "a" }, new CannedInvoker());
var prediction = await clarifai.Predictions.PredictAsync("pets", ImageSource.FromUrl("https://samples.clarifai.com/puppy.jpeg"));
var chat = await clarifai.AsIChatClient("llm").GetResponseAsync("Say hello");
// The checkpoint packages: SQLite's native library loads from the package; the Redis types restore and compile.
var checkpointPath = Path.Combine(Path.GetTempPath(), $"consumer-{Guid.NewGuid():N}.db");
bool finished;
using (var checkpoint = SqliteUploadCheckpoint.Open(checkpointPath)) finished = await checkpoint.FindAsync("nothing-yet", CancellationToken.None) is not null;
File.Delete(checkpointPath);
var fleetLimit = new RedisRateLimiterOptions { Key = "clarifai:rate:consumer", PermitsPerSecond = 15 };
// The client integration: a host takes the client from a connection string, as an Aspire app host hands it over.
var hostBuilder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
hostBuilder.Configuration["ConnectionStrings:clarifai"] = "Endpoint=http://127.0.0.1:9;ApiKey=consumer-key;UserId=u;AppId=a";
hostBuilder.AddClarifaiClient("clarifai");
using var host = hostBuilder.Build();
var fromHost = host.Services.GetRequiredService<ClarifaiClient>().Options.Endpoint.Port;
Console.WriteLine($"package ok: {rpcs} RPCs in V2; predicted {prediction.Concepts[0].Name} {prediction.Concepts[0].Value:0.00}; the chat client answered '{chat.Text}'; a SQLite checkpoint opened; a fleet limit of {fleetLimit.PermitsPerSecond}/s; a host's client at port {fromHost}");
return rpcs > 280 && prediction.Concepts[0].Name == "charlie" && chat.Text == "hello" && !finished && fromHost == 9 ? 0 : 1;

internal sealed class CannedInvoker : CallInvoker
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        GrpcCalls.Unary((TResponse)(object)(request switch
        {
            GetModelRequest => LlmOfTheCurrentKind(),
            PostModelOutputsRequest { Inputs: [{ Data.Parts: [{ Id: "prompt" }] }] } => ReturnAnswer("hello"),
            _ => ClarifaiFakes.PredictionResponse(("charlie", 0.93f)),
        }));

    private static readonly Clarifai.Api.Status.Status Success = new() { Code = Clarifai.Api.Status.StatusCode.Success };

    /// <summary>A chat model of the current kind: predict(prompt: str) -> str, so the chat client calls it by signature.</summary>
    private static SingleModelResponse LlmOfTheCurrentKind() => new()
    {
        Status = Success,
        Model = new Model
        {
            Id = "llm",
            ModelVersion = new ModelVersion
            {
                Id = "v1",
                MethodSignatures =
                {
                    new MethodSignature
                    {
                        Name = "predict",
                        MethodType = RunnerMethodType.UnaryUnary,
                        InputFields = { new ModelTypeField { Name = "prompt", Type = ModelTypeField.Types.DataType.Str, Default = "" } },
                        OutputFields = { new ModelTypeField { Name = "return", Type = ModelTypeField.Types.DataType.Str } },
                    },
                },
            },
        },
    };

    private static MultiOutputResponse ReturnAnswer(string text) => new()
    {
        Status = Success,
        Outputs = { new Output { Status = Success, Data = new Data { Parts = { new Part { Id = "return", Data = new Data { StringValue = text } } } } } },
    };

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw new NotSupportedException();

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw new NotSupportedException();

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();
}
