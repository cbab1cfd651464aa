using System.Text.Json.Nodes;
using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Methods;
using static Clarifai.Grpc.Wrapper.Tests.Methods.Signatures;
using DataType = Clarifai.Api.ModelTypeField.Types.DataType;

namespace Clarifai.Grpc.Wrapper.Tests.Methods;

/// <summary>
/// Arguments are checked against the signature before anything is sent, and every refusal is an
/// <see cref="ArgumentException"/> naming the argument: what Clarifai's runtime would otherwise read as None or 0
/// without an error never leaves the client.
/// </summary>
[TestFixture]
public sealed class MethodArgumentValidationTests
{
    private static readonly ModelMethod Llm = Unary("predict", Returns(DataType.Str), LlmInputs());

    private static ArgumentException Refused(ModelMethod method, MethodArguments arguments) =>
        Assert.Throws<ArgumentException>(() => MethodValueEncoder.Encode(method, arguments))!;

    private static ArgumentException Refused(ModelTypeField parameter, object? value) =>
        Refused(OneParameter(parameter), new MethodArguments { [parameter.Name] = value });

    [Test]
    public void AnUnknownArgument_IsRefused_NamingItAndTheParameters()
    {
        var failure = Refused(Llm, new MethodArguments { ["temprature"] = 0.2 });

        Assert.Multiple(() =>
        {
            Assert.That(failure.ParamName, Is.EqualTo("temprature"));
            Assert.That(failure.Message, Does.Contain("no parameter 'temprature'").And.Contain("temperature"));
        });
    }

    [Test]
    public void AMissingRequiredArgument_IsRefused()
    {
        var method = Unary("f", Returns(DataType.Str), Field("image", DataType.Image), Optional("threshold", DataType.Float, "0.5"));

        var failure = Refused(method, new MethodArguments { ["threshold"] = 0.2 });

        Assert.That((failure.ParamName, failure.Message), Is.EqualTo(("image", "Method 'f' requires argument 'image' (Image). (Parameter 'image')")));
    }

    [Test]
    public void Null_IsLeftOutWhenTheDefaultIsNone_AndRefusedOtherwise()
    {
        var data = MethodValueEncoder.Encode(Llm, new MethodArguments { ["prompt"] = "x", ["chat_history"] = null });

        Assert.Multiple(() =>
        {
            Assert.That(data.Parts.Select(p => p.Id), Is.EqualTo(new[] { "prompt" }));
            Assert.That(Refused(Llm, new MethodArguments { ["max_tokens"] = null }).Message, Does.Contain("leave it out"));
        });
    }

    [TestCase(DataType.Str, 5)]
    [TestCase(DataType.Int, 1.5)]
    [TestCase(DataType.Int, true)]
    [TestCase(DataType.Int, "64")]
    [TestCase(DataType.Float, "0.2")]
    [TestCase(DataType.Bool, 1)]
    [TestCase(DataType.Bytes, "abc")]
    [TestCase(DataType.Text, 3)]
    [TestCase(DataType.Image, "https://example.test/a.jpg")]
    [TestCase(DataType.Concept, 0.5)]
    [TestCase(DataType.Ndarray, "1,2")]
    public void AValueThatCannotBeTheDeclaredType_IsRefused_NamingTheArgumentAndTheType(DataType type, object value)
    {
        var failure = Refused(Field("x", type), value);

        Assert.Multiple(() =>
        {
            Assert.That(failure.ParamName, Is.EqualTo("x"));
            Assert.That(failure.Message, Does.Contain("Argument 'x'").And.Contain(value.GetType().Name));
        });
    }

    [Test]
    public void JsonText_IsRefusedForAJsonParameter_NeverSentAsAString()
    {
        var failure = Refused(Field("x", DataType.JsonData), """{"a":1}""");

        Assert.That(failure.Message, Does.Contain("JsonNode.Parse"));
    }

    [Test]
    public void AnObjectThatIsNotJson_IsRefused_WithHowToSerializeIt()
    {
        var failure = Refused(Field("x", DataType.JsonData), new { A = 1 });

        Assert.That(failure.Message, Does.Contain("SerializeToNode"));
    }

    [Test]
    public void AJsonScalar_IsRefused_TheModelsJsonTakesAnObjectOrAList() =>
        Assert.That(Refused(Field("x", DataType.JsonData), JsonValue.Create(3)).Message, Does.Contain("an object or a list"));

    [Test]
    public void ATupleOfTheWrongLength_IsRefused() =>
        Assert.That(Refused(Field("x", DataType.Tuple, Item(DataType.Str), Item(DataType.Int)), ("a", 1, 2)).Message, Does.Contain("3 items"));

    [Test]
    public void NamedFields_MissingOrExtraFields_AreRefused()
    {
        var field = Field("x", DataType.NamedFields, Field("a", DataType.Int), Field("b", DataType.Str));
        Assert.Multiple(() =>
        {
            Assert.That(Refused(field, new Dictionary<string, object?> { ["a"] = 1 }).Message, Does.Contain("x.b").And.Contain("missing"));
            Assert.That(Refused(field, new Dictionary<string, object?> { ["a"] = 1, ["b"] = "s", ["c"] = 2 }).Message, Does.Contain("'c'"));
        });
    }

    [Test]
    public void AnItemOfAList_IsCheckedToo_AndTheMessageSaysWhichItem()
    {
        var failure = Refused(Field("x", DataType.List, Item(DataType.Int)), new object[] { 1, "two" });

        Assert.That(failure.Message, Does.Contain("x[1]"));
    }

    [Test]
    public void AnArgumentGivenTwice_IsRefusedByAdd()
    {
        var arguments = new MethodArguments { { "prompt", "a" } };

        Assert.Throws<ArgumentException>(() => arguments.Add("prompt", "b"));
    }

    [Test]
    public void ArgumentsToString_ShowsNamesOnly() =>
        Assert.That(new MethodArguments { ["api_key"] = "secret-value" }.ToString(), Is.EqualTo("MethodArguments(api_key)"));
}
