using Clarifai.Api;
using DataType = Clarifai.Api.ModelTypeField.Types.DataType;

namespace Clarifai.Grpc.Emulator;

/// <summary>Method signatures as clarifai-python's <c>build_function_signature</c> writes them.</summary>
internal static class SignatureFields
{
    public static MethodSignature Method(string name, RunnerMethodType kind, string description, ModelTypeField returns, params ModelTypeField[] inputs)
    {
        var signature = new MethodSignature { Name = name, MethodType = kind, Description = description };
        signature.InputFields.Add(inputs);
        signature.OutputFields.Add(returns);
        return signature;
    }

    /// <summary>A parameter without a default.</summary>
    public static ModelTypeField Required(string name, DataType type, params ModelTypeField[] typeArgs) => Field(name, type, required: true, string.Empty, isParam: false, typeArgs);

    /// <summary>A parameter with a default (JSON text, or the text of a string default), as <c>Param</c> or a plain default.</summary>
    public static ModelTypeField Optional(string name, DataType type, string @default, bool isParam = false, params ModelTypeField[] typeArgs) => Field(name, type, required: false, @default, isParam, typeArgs);

    public static ModelTypeField Returns(DataType type, bool streamed = false, params ModelTypeField[] typeArgs)
    {
        var field = Field("return", type, required: false, string.Empty, isParam: false, typeArgs);
        field.Iterator = streamed;
        return field;
    }

    public static ModelTypeField Streamed(string name, DataType type)
    {
        var field = Required(name, type);
        field.Iterator = true;
        return field;
    }

    /// <summary>The item type of a list, named as the runtime names it.</summary>
    public static ModelTypeField Item(string listName, DataType type) => Field(listName + "_item", type, required: true, string.Empty, isParam: false, []);

    private static ModelTypeField Field(string name, DataType type, bool required, string @default, bool isParam, ModelTypeField[] typeArgs)
    {
        var field = new ModelTypeField { Name = name, Type = type, Required = required, Default = @default, IsParam = isParam };
        field.TypeArgs.Add(typeArgs);
        return field;
    }
}
