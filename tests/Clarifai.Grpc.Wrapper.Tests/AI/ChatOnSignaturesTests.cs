using System.Text.Json.Nodes;
using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Testing;
using Clarifai.Grpc.Wrapper.Tests.Methods;
using Clarifai.Grpc.Wrapper.Tests.Support;
using Microsoft.Extensions.AI;
using DataType = Clarifai.Api.ModelTypeField.Types.DataType;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.AI;

/// <summary>
/// What <see cref="ClarifaiChatClient"/> sends a model of the current kind, over a mocked invoker: the OpenAI request
/// for the transport pair, the standard signature's arguments, and what each answer becomes.
/// </summary>
[TestFixture]
public sealed class ChatOnSignaturesTests
{
    private static readonly ModelRef Model = new("chat", "acme", "llms");

    private static SingleModelResponse With(params MethodSignature[] signatures) =>
        new() { Status = Responses.Status(StatusCode.Success), Model = new Model { Id = "chat", ModelVersion = new ModelVersion { Id = "v1", MethodSignatures = { signatures } } } };

    private static MethodSignature[] OpenAiPair() =>
    [
        Signatures.Signature("openai_transport", RunnerMethodType.UnaryUnary, Signatures.Returns(DataType.Str), Signatures.Field("msg", DataType.Str)),
        Signatures.Signature("openai_stream_transport", RunnerMethodType.UnaryStreaming, Signatures.Returns(DataType.Str, streamed: true), Signatures.Field("msg", DataType.Str)),
    ];

    private static MultiOutputResponse Returning(string text) => new()
    {
        Status = Responses.Status(StatusCode.Success),
        Outputs = { new Output { Status = Responses.Status(StatusCode.Success), Data = new Data { Parts = { new Part { Id = "return", Data = new Data { StringValue = text } } } } } },
    };

    private static JsonObject SentOpenAiRequest(MockV2 mock) =>
        (JsonObject)JsonNode.Parse(((PostModelOutputsRequest)mock.Predictions().Single().Request).Inputs[0].Data.Parts.Single(p => p.Id == "msg").Data.StringValue)!;

    private const string Completion = """{"id":"c1","model":"chat","choices":[{"index":0,"message":{"role":"assistant","content":"Hi!"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}""";

    [Test]
    public async Task TheOpenAiRequest_CarriesRoles_Images_Tools_ToolChoice_AndTheSchema()
    {
        var mock = new MockV2().Returns<GetModelRequest, SingleModelResponse>(With(OpenAiPair())).Returns<PostModelOutputsRequest, MultiOutputResponse>(Returning(Completion));
        using var clarifai = TestClients.Create(mock);
        var schema = JsonNode.Parse("""{"type":"object","properties":{"city":{"type":"string"}}}""")!;

        var response = await clarifai.AsIChatClient(Model).GetResponseAsync(
            [
                new(ChatRole.System, "sys"),
                new(new ChatRole("developer"), "dev"),
                new(ChatRole.User, [new TextContent("look"), new UriContent("https://example.test/cat.jpg", "image/jpeg")]),
                new(ChatRole.Assistant, [new FunctionCallContent("call-1", "Lookup", new Dictionary<string, object?> { ["q"] = "cats" })]),
                new(ChatRole.Tool, [new FunctionResultContent("call-1", new { count = 3 })]),
            ],
            new ChatOptions
            {
                Tools = [AIFunctionFactory.Create((string q) => q, "Lookup", "Looks up.")],
                ToolMode = ChatToolMode.RequireSpecific("Lookup"),
                ResponseFormat = ChatResponseFormat.ForJsonSchema(System.Text.Json.JsonSerializer.SerializeToElement(schema), "place"),
            });

        var sent = SentOpenAiRequest(mock);
        var messages = sent["messages"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(messages.Select(m => (string?)m!["role"]), Is.EqualTo(new[] { "system", "developer", "user", "assistant", "tool" }));
            Assert.That((string?)messages[2]!["content"]![1]!["image_url"]!["url"], Is.EqualTo("https://example.test/cat.jpg"));
            Assert.That(messages[3]!.AsObject().ContainsKey("content"), Is.True, "every message has a content key: the runtime drops a history without one");
            Assert.That((string?)messages[3]!["tool_calls"]![0]!["function"]!["arguments"], Is.EqualTo("""{"q":"cats"}"""));
            Assert.That(((string?)messages[4]!["tool_call_id"], (string?)messages[4]!["content"]), Is.EqualTo(("call-1", """{"count":3}""")));
            Assert.That((string?)sent["tools"]![0]!["function"]!["name"], Is.EqualTo("Lookup"));
            Assert.That((string?)sent["tool_choice"]!["function"]!["name"], Is.EqualTo("Lookup"));
            Assert.That((string?)sent["response_format"]!["json_schema"]!["name"], Is.EqualTo("place"));
            Assert.That(sent.ContainsKey("stream"), Is.False);
            Assert.That((response.Text, response.FinishReason, response.Usage!.TotalTokenCount), Is.EqualTo(("Hi!", ChatFinishReason.Stop, 7L)));
        });
    }

    [Test]
    public async Task DocumentsAndAudio_TravelAsOpenAiFileAndAudioParts()
    {
        var mock = new MockV2().Returns<GetModelRequest, SingleModelResponse>(With(OpenAiPair())).Returns<PostModelOutputsRequest, MultiOutputResponse>(Returning(Completion));
        using var clarifai = TestClients.Create(mock);

        await clarifai.AsIChatClient(Model).GetResponseAsync([new(ChatRole.User, [new TextContent("read"), new DataContent(new byte[] { 37, 80, 68, 70 }, "application/pdf") { Name = "a.pdf" }, new DataContent(new byte[] { 1, 2 }, "audio/wav")])]);

        var content = SentOpenAiRequest(mock)["messages"]![0]!["content"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(content.Select(p => (string?)p!["type"]), Is.EqualTo(new[] { "text", "file", "input_audio" }));
            Assert.That((string?)content[1]!["file"]!["file_data"], Is.EqualTo("data:application/pdf;base64,JVBERg=="));
            Assert.That(((string?)content[2]!["input_audio"]!["format"], (string?)content[2]!["input_audio"]!["data"]), Is.EqualTo(("wav", "AQI=")));
        });
    }

    [Test]
    public async Task AFailureTheTransportReportsAsText_IsAClarifaiModelFailedException()
    {
        var mock = new MockV2().Returns<GetModelRequest, SingleModelResponse>(With(OpenAiPair()))
            .Returns<PostModelOutputsRequest, MultiOutputResponse>(Returning("""{"code": 21313, "description": "Model prediction failed", "details": "context too long"}"""));
        using var clarifai = TestClients.Create(mock);

        var failure = await Assert.ThrowsAsync<ClarifaiModelFailedException>(() => clarifai.AsIChatClient(Model).GetResponseAsync([new(ChatRole.User, "x")]));

        Assert.That((failure!.Code, failure.Details), Is.EqualTo((StatusCode.ModelPredictionFailed, "context too long")));
    }

    [Test]
    public async Task TheStandardSignature_GetsPromptHistoryAndDeclaredOptions_AndAnswersToolCallsFromItsJson()
    {
        var toolCalls = """[{"id":"call-9","type":"function","function":{"name":"Lookup","arguments":"{\"q\":\"dogs\"}"}}]""";
        var mock = new MockV2().Returns<GetModelRequest, SingleModelResponse>(With(Signatures.StandardLlm())).Returns<PostModelOutputsRequest, MultiOutputResponse>(Returning(toolCalls));
        using var clarifai = TestClients.Create(mock);

        var response = await clarifai.AsIChatClient(Model).GetResponseAsync(
            [new(ChatRole.System, "sys"), new(ChatRole.User, "find dogs")],
            new ChatOptions { Tools = [AIFunctionFactory.Create((string q) => q, "Lookup")], ToolMode = ChatToolMode.RequireAny, Temperature = 0.5f, TopK = 3 });

        var parts = ((PostModelOutputsRequest)mock.Predictions().Single().Request).Inputs[0].Data.Parts.ToDictionary(p => p.Id, p => p.Data);
        var call = response.Messages.Single().Contents.OfType<FunctionCallContent>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(parts.Keys, Is.EqualTo(new[] { "prompt", "chat_history", "tools", "tool_choice", "temperature" }), "top_k is not declared: not sent");
            Assert.That(parts["prompt"].StringValue, Is.EqualTo("find dogs"));
            Assert.That(parts["chat_history"].Parts.Single().Data.StructValue.Fields["role"].StringValue, Is.EqualTo("system"));
            Assert.That(parts["tool_choice"].StringValue, Is.EqualTo("required"));
            Assert.That((call.CallId, call.Name, call.Arguments!["q"]?.ToString()), Is.EqualTo(("call-9", "Lookup", "dogs")));
            Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
        });
    }

    [Test]
    public async Task WhatTheStandardSignatureCannotTake_IsRefused_NamingIt()
    {
        var mock = new MockV2().Returns<GetModelRequest, SingleModelResponse>(With(Signatures.StandardLlm()));
        using var clarifai = TestClients.Create(mock);
        var chat = clarifai.AsIChatClient(Model);

        var format = await Assert.ThrowsAsync<NotSupportedException>(() => chat.GetResponseAsync([new(ChatRole.User, "x")], new ChatOptions { ResponseFormat = ChatResponseFormat.Json }));
        var property = await Assert.ThrowsAsync<NotSupportedException>(() => chat.GetResponseAsync([new(ChatRole.User, "x")], new ChatOptions { AdditionalProperties = new() { ["reasoning"] = "high" } }));

        Assert.Multiple(() =>
        {
            Assert.That(format!.Message, Does.Contain("response format"));
            Assert.That(property!.Message, Does.Contain("'reasoning'"));
            Assert.That(mock.Predictions(), Is.Empty);
        });
    }

    [Test]
    public async Task AModelWithoutChatMethods_IsRefused_PointingToMethods()
    {
        var image = Signatures.Signature("predict", RunnerMethodType.UnaryUnary, Signatures.Returns(DataType.Str), Signatures.Field("image", DataType.Image));
        var mock = new MockV2().Returns<GetModelRequest, SingleModelResponse>(With(image));
        using var clarifai = TestClients.Create(mock);

        var failure = await Assert.ThrowsAsync<NotSupportedException>(() => clarifai.AsIChatClient(Model).GetResponseAsync([new(ChatRole.User, "x")]));

        Assert.That(failure!.Message, Does.Contain("ClarifaiClient.Methods"));
    }
}
