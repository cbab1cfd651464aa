using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Methods;
using DataType = Clarifai.Api.ModelTypeField.Types.DataType;

namespace Clarifai.Grpc.Wrapper.Tests.Methods;

/// <summary>Method signatures as Clarifai's runtime declares them (clarifai-python's <c>build_function_signature</c>).</summary>
internal static class Signatures
{
    public static ModelTypeField Field(string name, DataType type, params ModelTypeField[] typeArgs) => Field(name, type, required: true, null, typeArgs);

    public static ModelTypeField Field(string name, DataType type, bool required, string? @default, params ModelTypeField[] typeArgs)
    {
        var field = new ModelTypeField { Name = name, Type = type, Required = required, Default = @default ?? string.Empty };
        field.TypeArgs.Add(typeArgs);
        return field;
    }

    public static ModelTypeField Optional(string name, DataType type, string @default, bool isParam = true) =>
        new() { Name = name, Type = type, Required = false, Default = @default, IsParam = isParam };

    public static ModelTypeField Item(DataType type, params ModelTypeField[] typeArgs) => Field("item", type, typeArgs);

    public static ModelTypeField Returns(DataType type, bool streamed = false, params ModelTypeField[] typeArgs)
    {
        var field = Field("return", type, required: false, null, typeArgs);
        field.Iterator = streamed;
        return field;
    }

    public static MethodSignature Signature(string name, RunnerMethodType kind, ModelTypeField returns, params ModelTypeField[] inputs)
    {
        var signature = new MethodSignature { Name = name, MethodType = kind, OutputFields = { returns } };
        signature.InputFields.Add(inputs);
        return signature;
    }

    public static ModelMethod Unary(string name, ModelTypeField returns, params ModelTypeField[] inputs) =>
        ModelMethod.FromProto(Signature(name, RunnerMethodType.UnaryUnary, returns, inputs));

    /// <summary>A method with one parameter <c>x</c> of the given type, returning a string.</summary>
    public static ModelMethod OneParameter(ModelTypeField parameter) => Unary("f", Returns(DataType.Str), parameter);

    /// <summary>The standard LLM signature of Clarifai's vLLM template.</summary>
    public static MethodSignature[] StandardLlm() =>
    [
        Signature("predict", RunnerMethodType.UnaryUnary, Returns(DataType.Str), LlmInputs()),
        Signature("generate", RunnerMethodType.UnaryStreaming, Returns(DataType.Str, streamed: true), LlmInputs()),
    ];

    public static ModelTypeField[] LlmInputs() =>
    [
        Optional("prompt", DataType.Str, "", isParam: false),
        Field("chat_history", DataType.List, required: false, "null", Item(DataType.JsonData)),
        Field("tools", DataType.List, required: false, "null", Item(DataType.JsonData)),
        Optional("tool_choice", DataType.Str, "null"),
        Optional("max_tokens", DataType.Int, "512"),
        Optional("temperature", DataType.Float, "0.7"),
        Optional("top_p", DataType.Float, "0.95"),
    ];
}
