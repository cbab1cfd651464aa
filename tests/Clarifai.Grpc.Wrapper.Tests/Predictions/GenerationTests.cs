using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Clarifai.Grpc.Wrapper.Tests.Support;
using Grpc.Core;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Predictions;

/// <summary>
/// LLM generation over GenerateModelOutputs (server streaming) and StreamModelOutputs (bidirectional): chunks in order,
/// the status of every message, the first-message rule, and cancellation that reaches the call.
/// </summary>
[TestFixture]
public sealed class GenerationTests
{
    private static readonly ModelRef Llm = ModelRef.Parse("https://clarifai.com/meta/Llama-3/models/llama-3-8b-instruct");

    private static MultiOutputResponse Chunk(string text, StatusCode code = StatusCode.Success, StatusCode outputCode = StatusCode.Success) => new()
    {
        Status = Responses.Status(code),
        Outputs = { new Output { Status = Responses.Status(outputCode), Data = new Data { Text = new Text { Raw = text } }, PromptTokens = 5, CompletionTokens = 1 } },
    };

    private static Func<PostModelOutputsRequest, CallOptions, AsyncServerStreamingCall<MultiOutputResponse>> Stream(params MultiOutputResponse[] chunks) =>
        (_, _) => GrpcCalls.ServerStreaming(chunks);

    private static Func<PostModelOutputsRequest, CallOptions, AsyncServerStreamingCall<MultiOutputResponse>> FailsAfter(global::Grpc.Core.StatusCode code, params MultiOutputResponse[] chunks) =>
        (_, _) => GrpcCalls.ServerStreaming(chunks, new global::Grpc.Core.Status(code, "stream broke"));

    private static async Task<List<string>> Collect(IAsyncEnumerable<string> chunks, List<string>? into = null)
    {
        var list = into ?? [];
        await foreach (var chunk in chunks) list.Add(chunk);
        return list;
    }

    [Test]
    public async Task GenerateAsync_YieldsTheChunksInOrder_AndSendsTheModelsAppThePromptAndTheParameters()
    {
        var mock = new MockV2().OnServerStreaming(Stream(Chunk("Once"), Chunk(" upon"), Chunk(""), Chunk(" a time")));
        using var client = TestClients.Create(mock);

        var chunks = await Collect(client.Predictions.GenerateAsync(Llm, ModelInput.FromText("Tell me a story"), new PredictionOptions { Temperature = 0.2, MaxTokens = 64 }));

        var request = (PostModelOutputsRequest)mock.Calls.Single().Request;
        Assert.Multiple(() =>
        {
            Assert.That(chunks, Is.EqualTo(new[] { "Once", " upon", " a time" }), "empty chunks are skipped");
            Assert.That(mock.Calls.Single().Method, Is.EqualTo("GenerateModelOutputs"));
            Assert.That((request.UserAppId.UserId, request.UserAppId.AppId, request.ModelId), Is.EqualTo(("meta", "Llama-3", "llama-3-8b-instruct")));
            Assert.That(request.Inputs.Single().Data.Text.Raw, Is.EqualTo("Tell me a story"));
            Assert.That(request.Model.ModelVersion.OutputInfo.Params.Fields["temperature"].NumberValue, Is.EqualTo(0.2));
            Assert.That(request.Model.ModelVersion.OutputInfo.Params.Fields["max_tokens"].NumberValue, Is.EqualTo(64));
            Assert.That(mock.Calls.Single().Options.Deadline, Is.Not.Null, "the client's timeout bounds the stream");
        });
    }

    [Test]
    public async Task GenerateOutputsAsync_GivesTheTokenCounts()
    {
        var mock = new MockV2().OnServerStreaming(Stream(Chunk("Hi")));
        using var client = TestClients.Create(mock);

        var outputs = new List<Prediction>();
        await foreach (var output in client.Predictions.GenerateOutputsAsync(Llm, ModelInput.FromText("hello"))) outputs.Add(output);

        Assert.That(outputs.Select(o => (o.Text, o.PromptTokens, o.CompletionTokens)), Is.EqualTo(new[] { ("Hi", 5, 1) }));
    }

    [Test]
    public async Task AFailedStatusOnALaterMessage_EndsTheStreamWithItsException_AfterTheChunksBeforeIt()
    {
        var mock = new MockV2().OnServerStreaming(Stream(Chunk("a"), Chunk("b"), Chunk("", StatusCode.InternalServerIssue), Chunk("never")));
        using var client = TestClients.Create(mock);
        var received = new List<string>();

        var failure = await Assert.ThrowsAsync<ClarifaiException>(() => Collect(client.Predictions.GenerateAsync(Llm, ModelInput.FromText("x")), received));

        Assert.Multiple(() =>
        {
            Assert.That(received, Is.EqualTo(new[] { "a", "b" }));
            Assert.That(failure!.Code, Is.EqualTo(StatusCode.InternalServerIssue));
            Assert.That(mock.CountOf("GenerateModelOutputs"), Is.EqualTo(1), "after the first message nothing is sent again");
        });
    }

    [Test]
    public async Task AFailedOutput_EndsTheStreamWithItsCode()
    {
        var mock = new MockV2().OnServerStreaming(Stream(Chunk("a"), Chunk("", StatusCode.Success, StatusCode.InputFailed)));
        using var client = TestClients.Create(mock);

        var failure = await Assert.ThrowsAsync<ClarifaiException>(() => Collect(client.Predictions.GenerateAsync(Llm, ModelInput.FromText("x"))));

        Assert.That(failure!.Code, Is.EqualTo(StatusCode.InputFailed));
    }

    [Test]
    public async Task ATransportFailureAfterTheFirstMessage_IsNotRetried()
    {
        var mock = new MockV2().OnServerStreaming(FailsAfter(global::Grpc.Core.StatusCode.Unavailable, Chunk("a")), Stream(Chunk("again")));
        using var client = TestClients.Create(mock);
        var received = new List<string>();

        var failure = await Assert.ThrowsAsync<ClarifaiTransportException>(() => Collect(client.Predictions.GenerateAsync(Llm, ModelInput.FromText("x")), received));

        Assert.Multiple(() =>
        {
            Assert.That(received, Is.EqualTo(new[] { "a" }));
            Assert.That(failure!.GrpcStatusCode, Is.EqualTo(global::Grpc.Core.StatusCode.Unavailable));
            Assert.That(mock.CountOf("GenerateModelOutputs"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task ATransientFailureBeforeTheFirstMessage_OpensTheStreamAgain()
    {
        var time = new InstantTimeProvider();
        var mock = new MockV2().OnServerStreaming(FailsAfter(global::Grpc.Core.StatusCode.Unavailable), Stream(Chunk("ok")));
        using var client = TestClients.Create(mock, time);

        var chunks = await Collect(client.Predictions.GenerateAsync(Llm, ModelInput.FromText("x")));

        Assert.Multiple(() =>
        {
            Assert.That(chunks, Is.EqualTo(new[] { "ok" }));
            Assert.That(mock.CountOf("GenerateModelOutputs"), Is.EqualTo(2));
            Assert.That(time.Delays, Is.EqualTo(new[] { TimeSpan.FromMilliseconds(100) }), "the retry backoff");
        });
    }

    [Test]
    public async Task AColdModelBeforeTheFirstMessage_IsWaitedForWithinTheWarmUpBudget()
    {
        var time = new InstantTimeProvider();
        var cold = Stream(Chunk("", StatusCode.ModelLoading));
        var mock = new MockV2().OnServerStreaming(cold, cold, cold, cold, cold, cold, Stream(Chunk("ready")));
        using var client = TestClients.Create(mock, time, new RetrySettings { MaxAttempts = 2 });

        var chunks = await Collect(client.Predictions.GenerateAsync(Llm, ModelInput.FromText("x")));

        Assert.Multiple(() =>
        {
            Assert.That(chunks, Is.EqualTo(new[] { "ready" }));
            Assert.That(mock.CountOf("GenerateModelOutputs"), Is.EqualTo(7), "six cold answers do not spend the two attempts");
            Assert.That(time.Delays[0], Is.EqualTo(TimeSpan.FromSeconds(1)), "the warm-up's first wait");
        });
    }

    [Test]
    public async Task CancellingMidStream_ThrowsAndCancelsTheCall()
    {
        using var cts = new CancellationTokenSource();
        CallOptions sent = default;
        var mock = new MockV2().OnServerStreaming<PostModelOutputsRequest, MultiOutputResponse>((_, options) =>
        {
            sent = options;
            return GrpcCalls.ServerStreaming(Chunk("a"), Chunk("b"), Chunk("c"));
        });
        using var client = TestClients.Create(mock);
        var received = new List<string>();

        await Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), async () =>
        {
            await foreach (var chunk in client.Predictions.GenerateAsync(Llm, ModelInput.FromText("x"), cancellationToken: cts.Token))
            {
                received.Add(chunk);
                if (received.Count == 1) await cts.CancelAsync();
            }
        });

        Assert.Multiple(() =>
        {
            Assert.That(received, Is.EqualTo(new[] { "a" }));
            Assert.That(sent.CancellationToken.IsCancellationRequested, Is.True, "the call itself carries the caller's token");
        });
    }

    [Test]
    public async Task LeavingTheLoopEarly_DisposesTheCall()
    {
        var disposed = 0;
        var mock = new MockV2().OnServerStreaming<PostModelOutputsRequest, MultiOutputResponse>((_, _) =>
            GrpcCalls.ServerStreaming([Chunk("a"), Chunk("b")], failure: null, onDispose: () => disposed++));
        using var client = TestClients.Create(mock);

        await foreach (var chunk in client.Predictions.GenerateAsync(Llm, ModelInput.FromText("x")))
        {
            Assert.That(disposed, Is.Zero, "still open while reading");
            break;
        }

        Assert.That(disposed, Is.EqualTo(1));
    }

    [Test]
    public void BadArguments_AreRefusedAtOnce_BeforeAnythingIsSent()
    {
        var mock = new MockV2();
        using var client = TestClients.Create(mock);

        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => client.Predictions.GenerateAsync(Llm, ModelInput.FromText("x"), new PredictionOptions { Temperature = -1 }));
            Assert.Throws<ArgumentException>(() => client.Predictions.GenerateAsync(new ModelRef("bad id!"), ModelInput.FromText("x")));
            Assert.Throws<ArgumentNullException>(() => client.Predictions.StreamAsync(Llm, null!));
            Assert.That(mock.Calls, Is.Empty);
        });
    }

    private static MultiOutputResponse Echo(PostModelOutputsRequest request) => Chunk("echo: " + request.Inputs.Single().Data.Text.Raw);

    private static async IAsyncEnumerable<ModelInput> Prompts(params string[] texts)
    {
        foreach (var text in texts)
        {
            await Task.Yield();
            yield return ModelInput.FromText(text);
        }
    }

    [Test]
    public async Task StreamAsync_SendsEachInputAsOneRequest_AndYieldsTheAnswersInOrder()
    {
        var sent = new List<PostModelOutputsRequest>();
        var mock = new MockV2().OnDuplex<PostModelOutputsRequest, MultiOutputResponse>(_ => GrpcCalls.DuplexStreaming<PostModelOutputsRequest, MultiOutputResponse>(r => [Echo(r)], sent));
        using var client = TestClients.Create(mock);

        var answers = new List<string>();
        await foreach (var prediction in client.Predictions.StreamAsync(Llm, Prompts("one", "two", "three"), new PredictionOptions { MaxTokens = 8 })) answers.Add(prediction.Text);

        Assert.Multiple(() =>
        {
            Assert.That(answers, Is.EqualTo(new[] { "echo: one", "echo: two", "echo: three" }));
            Assert.That(sent.Select(r => (r.ModelId, r.UserAppId.UserId, r.UserAppId.AppId)).Distinct(), Is.EqualTo(new[] { ("llama-3-8b-instruct", "meta", "Llama-3") }));
            Assert.That(sent.All(r => r.Model.ModelVersion.OutputInfo.Params.Fields["max_tokens"].NumberValue == 8), Is.True);
            Assert.That(mock.CountOf("StreamModelOutputs"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task StreamAsync_AFailureBeforeTheFirstAnswer_OpensAgainAndSendsTheKeptInputsAgain()
    {
        var firstAttempt = new List<PostModelOutputsRequest>();
        var secondAttempt = new List<PostModelOutputsRequest>();
        var mock = new MockV2().OnDuplex<PostModelOutputsRequest, MultiOutputResponse>(
            _ => GrpcCalls.DuplexStreaming<PostModelOutputsRequest, MultiOutputResponse>(r => [Chunk("", StatusCode.ModelDeploying)], firstAttempt),
            _ => GrpcCalls.DuplexStreaming<PostModelOutputsRequest, MultiOutputResponse>(r => [Echo(r)], secondAttempt));
        using var client = TestClients.Create(mock);

        var answers = new List<string>();
        await foreach (var prediction in client.Predictions.StreamAsync(Llm, Prompts("one", "two"))) answers.Add(prediction.Text);

        Assert.Multiple(() =>
        {
            Assert.That(answers, Is.EqualTo(new[] { "echo: one", "echo: two" }), "each input answered once");
            Assert.That(firstAttempt, Is.Not.Empty);
            Assert.That(secondAttempt.Select(r => r.Inputs[0].Data.Text.Raw), Is.EqualTo(new[] { "one", "two" }), "what the first attempt took is written again, nothing twice");
            Assert.That(mock.CountOf("StreamModelOutputs"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task StreamAsync_AnInputSourceThatThrows_EndsTheStreamWithItsException()
    {
        var mock = new MockV2().OnDuplex<PostModelOutputsRequest, MultiOutputResponse>(_ => GrpcCalls.DuplexStreaming<PostModelOutputsRequest, MultiOutputResponse>(r => [Echo(r)]));
        using var client = TestClients.Create(mock);

        async IAsyncEnumerable<ModelInput> Broken()
        {
            yield return ModelInput.FromText("fine");
            await Task.Yield();
            throw new InvalidDataException("the source broke");
        }

        var failure = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (var _ in client.Predictions.StreamAsync(Llm, Broken()))
            {
            }
        });

        Assert.That(failure!.Message, Is.EqualTo("the source broke"));
    }
}
