using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Methods;
using Clarifai.Grpc.Wrapper.Testing;
using Clarifai.Grpc.Wrapper.Tests.Support;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static Clarifai.Grpc.Wrapper.Tests.Methods.Signatures;
using DataType = Clarifai.Api.ModelTypeField.Types.DataType;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Methods;

/// <summary>
/// Calls by signature over a mocked invoker: discovery (the version's signatures, the <c>_GET_SIGNATURES</c> fallback,
/// none), the RPC by the method's kind, batches, generate, stream, the older kind, and the model's failures.
/// </summary>
[TestFixture]
public sealed class ModelMethodServiceTests
{
    private static readonly ModelRef Llm = new("llm", "acme", "chat");

    private static SingleModelResponse ModelWith(params MethodSignature[] signatures)
    {
        var response = new SingleModelResponse { Status = Responses.Status(StatusCode.Success), Model = new Model { Id = "llm", ModelVersion = new ModelVersion { Id = "v1" } } };
        response.Model.ModelVersion.MethodSignatures.Add(signatures);
        return response;
    }

    private static MultiOutputResponse Answer(Data data, StatusCode code = StatusCode.Success, StatusCode outputCode = StatusCode.Success, string details = "") => new()
    {
        Status = Responses.Status(code),
        Outputs = { new Output { Status = Responses.Status(outputCode, details: details), Data = data, PromptTokens = 7, CompletionTokens = 3 } },
    };

    private static Data Returning(Data value) => new() { Parts = { new Part { Id = "return", Data = value } } };

    private static Data ReturningText(string text) => Returning(new Data { StringValue = text });

    private static PostModelOutputsRequest Sent(MockV2 mock, string method = "PostModelOutputs") => (PostModelOutputsRequest)mock.Calls.Last(c => c.Method == method).Request;

    [Test]
    public async Task GetAsync_ReadsTheModelsSignatures_AndAsksOncePerModel()
    {
        var mock = new MockV2().Returns<GetModelRequest, SingleModelResponse>(ModelWith(StandardLlm()));
        using var client = TestClients.Create(mock);

        var methods = await client.Methods.GetAsync(Llm);
        await client.Methods.GetAsync(Llm);

        Assert.Multiple(() =>
        {
            Assert.That(methods.Select(m => (m.Name, m.Kind)), Is.EqualTo(new[] { ("predict", ModelMethodKind.Unary), ("generate", ModelMethodKind.Generate) }));
            Assert.That(methods.Get("predict").FindParameter("max_tokens")!.Default, Is.EqualTo("512"));
            Assert.That(methods.Get("predict").ToString(), Does.StartWith("def predict(prompt: str = \"\", chat_history: List[JSON] = null"));
            Assert.That(methods.Get("generate").Returns.TypeName, Is.EqualTo("Iterator[str]"));
            Assert.That(mock.CountOf("GetModel"), Is.EqualTo(1), "cached per model");
            var request = (GetModelRequest)mock.Calls.Single().Request;
            Assert.That((request.UserAppId.UserId, request.UserAppId.AppId, request.ModelId), Is.EqualTo(("acme", "chat", "llm")));
        });
    }

    [Test]
    public async Task GetAsync_OfAVersion_ReadsThatVersion()
    {
        var version = new SingleModelVersionResponse { Status = Responses.Status(StatusCode.Success), ModelVersion = new ModelVersion { Id = "v9", MethodSignatures = { StandardLlm() } } };
        var mock = new MockV2().Returns<GetModelVersionRequest, SingleModelVersionResponse>(version);
        using var client = TestClients.Create(mock);

        var methods = await client.Methods.GetAsync(Llm.AtVersion("v9"));

        Assert.Multiple(() =>
        {
            Assert.That(methods.Count, Is.EqualTo(2));
            Assert.That(((GetModelVersionRequest)mock.Calls.Single().Request).VersionId, Is.EqualTo("v9"));
        });
    }

    [Test]
    public async Task GetAsync_WithoutSignaturesInTheRecord_AsksTheModel_WithGetSignatures()
    {
        var json = SignatureJson.Format(StandardLlm());
        var mock = new MockV2()
            .Returns<GetModelRequest, SingleModelResponse>(ModelWith())
            .Returns<PostModelOutputsRequest, MultiOutputResponse>(Answer(new Data { Text = new Text { Raw = json } }));
        using var client = TestClients.Create(mock);

        var methods = await client.Methods.GetAsync(Llm);

        var input = Sent(mock).Inputs.Single();
        Assert.Multiple(() =>
        {
            Assert.That(json, Does.Contain("\"methodType\": \"UNARY_UNARY\"").And.Contain("\"inputFields\""), "protobuf's JSON form, as Python's signatures_to_json");
            Assert.That(methods.Select(m => m.Name), Is.EqualTo(new[] { "predict", "generate" }));
            Assert.That(input.Data.Metadata.Fields["_method_name"].StringValue, Is.EqualTo("_GET_SIGNATURES"));
            Assert.That(input.Data.Parts, Has.Count.EqualTo(1), "one empty part, as Clarifai's clients send it");
        });
    }

    [Test]
    public async Task AServerThatServesOnlyPredictions_IsAskedForTheSignatures()
    {
        // Clarifai's Python model server (ModelServicer) answers GetModel with gRPC Unimplemented.
        var mock = new MockV2()
            .On<GetModelRequest, SingleModelResponse>(_ => GrpcCalls.Failure<SingleModelResponse>(global::Grpc.Core.StatusCode.Unimplemented))
            .Returns<PostModelOutputsRequest, MultiOutputResponse>(Answer(new Data { Text = new Text { Raw = SignatureJson.Format(StandardLlm()) } }));
        using var client = TestClients.Create(mock);

        var methods = await client.Methods.GetAsync(Llm);

        Assert.Multiple(() =>
        {
            Assert.That(methods.Select(m => m.Name), Is.EqualTo(new[] { "predict", "generate" }));
            Assert.That(mock.CountOf("GetModel"), Is.EqualTo(1), "Unimplemented is not retried");
        });
    }

    [Test]
    public async Task AModelThatRefusesGetSignatures_OrAnswersNothing_IsOfTheOlderKind()
    {
        var refusing = new MockV2()
            .Returns<GetModelRequest, SingleModelResponse>(ModelWith())
            .Returns<PostModelOutputsRequest, MultiOutputResponse>(ClarifaiFakes.ErrorResponse<MultiOutputResponse>(StatusCode.InputUnsupportedFormat));
        var silent = new MockV2()
            .Returns<GetModelRequest, SingleModelResponse>(ModelWith())
            .Returns<PostModelOutputsRequest, MultiOutputResponse>(Answer(new Data()));
        using var first = TestClients.Create(refusing);
        using var second = TestClients.Create(silent);

        Assert.Multiple(async () =>
        {
            Assert.That((await first.Methods.GetAsync(Llm)).IsOlderKind, Is.True);
            Assert.That((await second.Methods.GetAsync(Llm)).IsOlderKind, Is.True);
        });
    }

    [Test]
    public async Task CallAsync_SendsTypedArguments_ThroughPostModelOutputs_AndDecodesTheReturnPart()
    {
        var mock = new MockV2()
            .Returns<GetModelRequest, SingleModelResponse>(ModelWith(StandardLlm()))
            .Returns<PostModelOutputsRequest, MultiOutputResponse>(Answer(ReturningText("Hello!")));
        using var client = TestClients.Create(mock);

        var result = await client.Methods.CallAsync(Llm, "predict", new MethodArguments { ["prompt"] = "Hi", ["max_tokens"] = 64, ["temperature"] = 1 });

        var request = Sent(mock);
        var data = request.Inputs.Single().Data;
        Assert.Multiple(() =>
        {
            Assert.That((result.Value, result.PromptTokens, result.CompletionTokens), Is.EqualTo(("Hello!", 7L, 3L)));
            Assert.That(data.Metadata.Fields["_method_name"].StringValue, Is.EqualTo("predict"));
            Assert.That(data.Parts.Select(p => p.Id), Is.EqualTo(new[] { "prompt", "max_tokens", "temperature" }));
            Assert.That(data.Parts[2].Data.FloatValue, Is.EqualTo(1.0), "an int for a float parameter goes out as a float");
            Assert.That(request.Model, Is.Null, "no output_info.params: the new runtime ignores them");
            Assert.That((request.UserAppId.UserId, request.ModelId), Is.EqualTo(("acme", "llm")));
            Assert.That(mock.Calls[^1].Options.Deadline, Is.Not.Null, "on the one engine: the client's deadline");
        });
    }

    [Test]
    public async Task CallAsyncOfT_ConvertsTheResult()
    {
        var returnsInt = Signature("count", RunnerMethodType.UnaryUnary, Returns(DataType.Int), Field("text", DataType.Str));
        var mock = new MockV2()
            .Returns<GetModelRequest, SingleModelResponse>(ModelWith(returnsInt))
            .Returns<PostModelOutputsRequest, MultiOutputResponse>(Answer(Returning(new Data { IntValue = 12 })));
        using var client = TestClients.Create(mock);

        var count = await client.Methods.CallAsync<int>(Llm, "count", new MethodArguments { ["text"] = "a b c" });

        Assert.That(count, Is.EqualTo(12));
    }

    [Test]
    public async Task ABadArgumentOrTheWrongKind_IsRefusedBeforeAnyPrediction()
    {
        var mock = new MockV2().Returns<GetModelRequest, SingleModelResponse>(ModelWith(StandardLlm()));
        using var client = TestClients.Create(mock);

        var badValue = await Assert.ThrowsAsync<ArgumentException>(() => client.Methods.CallAsync(Llm, "predict", new MethodArguments { ["max_tokens"] = "many" }));
        var kind = await Assert.ThrowsAsync<ArgumentException>(() => client.Methods.CallAsync(Llm, "generate", new MethodArguments { ["prompt"] = "x" }));
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => client.Methods.CallAsync(Llm, "chat", new MethodArguments()));

        Assert.Multiple(() =>
        {
            Assert.That(badValue!.ParamName, Is.EqualTo("max_tokens"));
            Assert.That(kind!.Message, Does.Contain("generate method").And.Contain("GenerateAsync"));
            Assert.That(unknown!.Message, Does.Contain("its methods: predict, generate"));
            Assert.That(mock.CountOf("PostModelOutputs"), Is.Zero);
        });
    }

    [Test]
    public async Task CallManyAsync_SendsEachInputsOwnArguments_AndKeepsEachOutputsStatus()
    {
        var answer = new MultiOutputResponse
        {
            Status = Responses.Status(StatusCode.MixedStatus),
            Outputs =
            {
                new Output { Status = Responses.Status(StatusCode.Success), Data = ReturningText("one") },
                new Output { Status = Responses.Status(StatusCode.Failure, details: "boom") },
            },
        };
        var mock = new MockV2()
            .Returns<GetModelRequest, SingleModelResponse>(ModelWith(StandardLlm()))
            .Returns<PostModelOutputsRequest, MultiOutputResponse>(answer);
        using var client = TestClients.Create(mock);

        var results = await client.Methods.CallManyAsync(Llm, "predict", [new MethodArguments { ["prompt"] = "a" }, new MethodArguments { ["prompt"] = "b", ["top_p"] = 0.5 }]);

        var inputs = Sent(mock).Inputs;
        Assert.Multiple(() =>
        {
            Assert.That(inputs.Select(i => i.Data.Parts[0].Data.StringValue), Is.EqualTo(new[] { "a", "b" }));
            Assert.That(inputs.Select(i => i.Data.Parts.Count), Is.EqualTo(new[] { 1, 2 }));
            Assert.That(inputs.ToList().TrueForAll(i => i.Data.Metadata.Fields["_method_name"].StringValue == "predict"), Is.True);
            Assert.That(results.Select(r => (r.IsSuccess, r.Value)), Is.EqualTo(new[] { (true, (object?)"one"), (false, null) }));
            Assert.That(results[1].Status.Details, Is.EqualTo("boom"));
        });
    }

    [Test]
    public async Task CallManyAsync_NamesTheInputWhoseArgumentIsBad()
    {
        var mock = new MockV2().Returns<GetModelRequest, SingleModelResponse>(ModelWith(StandardLlm()));
        using var client = TestClients.Create(mock);

        var failure = await Assert.ThrowsAsync<ArgumentException>(() => client.Methods.CallManyAsync(Llm, "predict", [new MethodArguments { ["prompt"] = "a" }, new MethodArguments { ["prompt"] = 5 }]));

        Assert.That(failure!.Message, Does.StartWith("Input 1 of the batch"));
    }

    [Test]
    public async Task GenerateAsync_UsesGenerateModelOutputs_WithOneInput_AndDecodesEveryMessage()
    {
        var mock = new MockV2()
            .Returns<GetModelRequest, SingleModelResponse>(ModelWith(StandardLlm()))
            .OnServerStreaming<PostModelOutputsRequest, MultiOutputResponse>((_, _) => GrpcCalls.ServerStreaming(Answer(ReturningText("Once")), Answer(ReturningText(" upon"))));
        using var client = TestClients.Create(mock);

        var chunks = new List<string>();
        await foreach (var chunk in client.Methods.GenerateAsync(Llm, "generate", new MethodArguments { ["prompt"] = "Tell me", ["max_tokens"] = 10 })) chunks.Add(chunk.As<string>());

        var request = Sent(mock, "GenerateModelOutputs");
        Assert.Multiple(() =>
        {
            Assert.That(chunks, Is.EqualTo(new[] { "Once", " upon" }));
            Assert.That(request.Inputs.Single().Data.Metadata.Fields["_method_name"].StringValue, Is.EqualTo("generate"));
            Assert.That(request.Inputs.Single().Data.Parts.Select(p => p.Id), Is.EqualTo(new[] { "prompt", "max_tokens" }));
            Assert.That(mock.CountOf("PostModelOutputs"), Is.Zero, "the RPC follows the method's kind");
        });
    }

    [Test]
    public async Task StreamAsync_FirstMessageCarriesEveryArgument_LaterOnesOnlyTheStreamedOne_AllNamed()
    {
        var stream = Signature("stream", RunnerMethodType.StreamingStreaming, Returns(DataType.Str, streamed: true), StreamedInput("input_stream", DataType.Str), Optional("language", DataType.Str, "en"));
        var sent = new List<PostModelOutputsRequest>();
        var mock = new MockV2()
            .Returns<GetModelRequest, SingleModelResponse>(ModelWith(stream))
            .OnDuplex<PostModelOutputsRequest, MultiOutputResponse>(_ => GrpcCalls.DuplexStreaming<PostModelOutputsRequest, MultiOutputResponse>(
                request => [Answer(ReturningText(request.Inputs[0].Data.Parts.First(p => p.Id == "input_stream").Data.StringValue.ToUpperInvariant()))], sent));
        using var client = TestClients.Create(mock);

        var answers = new List<string>();
        await foreach (var answer in client.Methods.StreamAsync(Llm, "stream", new MethodArguments { ["language"] = "fr" }, Items("a", "b", "c"))) answers.Add(answer.As<string>());

        Assert.Multiple(() =>
        {
            Assert.That(answers, Is.EqualTo(new[] { "A", "B", "C" }));
            Assert.That(sent.Select(r => string.Join(",", r.Inputs.Single().Data.Parts.Select(p => p.Id))), Is.EqualTo(new[] { "input_stream,language", "input_stream", "input_stream" }));
            Assert.That(sent.All(r => r.Inputs.Single().Data.Metadata.Fields["_method_name"].StringValue == "stream"), Is.True);
        });
    }

    [Test]
    public async Task StreamAsync_WithNoItems_SendsNothing()
    {
        var stream = Signature("stream", RunnerMethodType.StreamingStreaming, Returns(DataType.Str, streamed: true), StreamedInput("input_stream", DataType.Str));
        var mock = new MockV2().Returns<GetModelRequest, SingleModelResponse>(ModelWith(stream));
        using var client = TestClients.Create(mock);

        var count = 0;
        await foreach (var _ in client.Methods.StreamAsync(Llm, "stream", new MethodArguments(), Items())) count++;

        Assert.That((count, mock.CountOf("StreamModelOutputs")), Is.EqualTo((0, 0)));
    }

    [Test]
    public async Task AModelOfTheOlderKind_IsCalledTheOlderWay_PromptInTextRaw_SettingsInParams()
    {
        var mock = new MockV2()
            .Returns<GetModelRequest, SingleModelResponse>(ModelWith())
            .On<PostModelOutputsRequest, MultiOutputResponse>(
                _ => GrpcCalls.Unary(ClarifaiFakes.ErrorResponse<MultiOutputResponse>(StatusCode.InputUnsupportedFormat)),
                _ => GrpcCalls.Unary(Answer(new Data { Text = new Text { Raw = "old answer" } })));
        using var client = TestClients.Create(mock);

        var answer = await client.Methods.CallAsync<string>(Llm, "predict", new MethodArguments { ["prompt"] = "Hi", ["temperature"] = 0.2 });

        var request = Sent(mock);
        Assert.Multiple(() =>
        {
            Assert.That(answer, Is.EqualTo("old answer"));
            Assert.That(request.Inputs.Single().Data.Text.Raw, Is.EqualTo("Hi"));
            Assert.That(request.Inputs.Single().Data.Parts, Is.Empty);
            Assert.That(request.Model.ModelVersion.OutputInfo.Params.Fields["temperature"].NumberValue, Is.EqualTo(0.2));
        });
        Assert.That((await Assert.ThrowsAsync<ArgumentException>(() => client.Methods.CallAsync(Llm, "summarize", new MethodArguments())))!.Message, Does.Contain("older kind"));
    }

    [Test]
    public async Task TheModelsFailure_IsAClarifaiModelFailedException_WithItsDetails()
    {
        var mock = new MockV2()
            .Returns<GetModelRequest, SingleModelResponse>(ModelWith(StandardLlm()))
            .Returns<PostModelOutputsRequest, MultiOutputResponse>(
                Answer(new Data(), StatusCode.Failure, StatusCode.ModelPredictionFailed, "ValueError: prompt too long"),
                ClarifaiFakes.ErrorResponse<MultiOutputResponse>(StatusCode.Failure, "Traceback: out of memory"));
        using var client = TestClients.Create(mock);

        var output = await Assert.ThrowsAsync<ClarifaiModelFailedException>(() => client.Methods.CallAsync(Llm, "predict", new MethodArguments { ["prompt"] = "x" }));
        var call = await Assert.ThrowsAsync<ClarifaiModelFailedException>(() => client.Methods.CallAsync(Llm, "predict", new MethodArguments { ["prompt"] = "x" }));

        Assert.Multiple(() =>
        {
            Assert.That((output!.Code, output.Details), Is.EqualTo((StatusCode.ModelPredictionFailed, "ValueError: prompt too long")));
            Assert.That((call!.Code, call.Details), Is.EqualTo((StatusCode.Failure, "Traceback: out of memory")));
            Assert.That(mock.CountOf("PostModelOutputs"), Is.EqualTo(2), "a model's failure is not retried");
        });
    }

    [Test]
    public async Task AColdModel_IsWaitedFor_ByTheWarmUpBudget()
    {
        var mock = new MockV2()
            .Returns<GetModelRequest, SingleModelResponse>(ModelWith(StandardLlm()))
            .Returns<PostModelOutputsRequest, MultiOutputResponse>(ClarifaiFakes.ErrorResponse<MultiOutputResponse>(StatusCode.ModelLoading), Answer(ReturningText("warm")));
        using var client = TestClients.Create(mock);

        var answer = await client.Methods.CallAsync<string>(Llm, "predict", new MethodArguments { ["prompt"] = "x" });

        Assert.That((answer, mock.CountOf("PostModelOutputs")), Is.EqualTo(("warm", 2)));
    }

    private static ModelTypeField StreamedInput(string name, DataType type)
    {
        var field = Field(name, type);
        field.Iterator = true;
        return field;
    }

    private static async IAsyncEnumerable<string> Items(params string[] items)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }
}
