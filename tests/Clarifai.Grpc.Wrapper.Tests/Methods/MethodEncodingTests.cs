using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Methods;
using Google.Protobuf;
using static Clarifai.Grpc.Wrapper.Tests.Methods.Signatures;
using DataType = Clarifai.Api.ModelTypeField.Types.DataType;

namespace Clarifai.Grpc.Wrapper.Tests.Methods;

/// <summary>
/// Every declared type to the <c>Data</c> field Clarifai's runtime reads it from (clarifai-python's
/// <c>method_signatures.py</c> and <c>serializers.py</c>), one part per argument named by the parameter.
/// </summary>
[TestFixture]
public sealed class MethodEncodingTests
{
    private static Data Encoded(ModelTypeField parameter, object value) =>
        MethodValueEncoder.Encode(OneParameter(parameter), new MethodArguments { [parameter.Name] = value }).Parts.Single().Data;

    [Test]
    public void EveryInput_NamesTheMethod_AndEachArgumentIsAPartNamedByItsParameter_InSignatureOrder()
    {
        var method = Unary("predict", Returns(DataType.Str), LlmInputs());

        var data = MethodValueEncoder.Encode(method, new MethodArguments { ["temperature"] = 0.2, ["prompt"] = "Hi", ["max_tokens"] = 64 });

        Assert.Multiple(() =>
        {
            Assert.That(data.Metadata.Fields["_method_name"].StringValue, Is.EqualTo("predict"));
            Assert.That(data.Parts.Select(p => p.Id), Is.EqualTo(new[] { "prompt", "max_tokens", "temperature" }), "signature order; left-out parameters have no part");
            Assert.That(data.Parts[0].Data.StringValue, Is.EqualTo("Hi"));
            Assert.That(data.Text, Is.Null, "the prompt is an argument, not text.raw");
        });
    }

    [Test]
    public void Str_GoesInStringValue() => Assert.That(Encoded(Field("x", DataType.Str), "hello").StringValue, Is.EqualTo("hello"));

    [Test]
    public void Bytes_GoInBytesValue_FromAnArrayOrMemory()
    {
        Assert.That(Encoded(Field("x", DataType.Bytes), new byte[] { 1, 2, 3 }).BytesValue.ToByteArray(), Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(Encoded(Field("x", DataType.Bytes), new ReadOnlyMemory<byte>([4, 5])).BytesValue.ToByteArray(), Is.EqualTo(new byte[] { 4, 5 }));
    }

    [Test]
    public void Int_GoesInIntValue_FromAnyIntegerType()
    {
        Assert.That(Encoded(Field("x", DataType.Int), 64).IntValue, Is.EqualTo(64));
        Assert.That(Encoded(Field("x", DataType.Int), 5_000_000_000L).IntValue, Is.EqualTo(5_000_000_000L));
        Assert.That(Encoded(Field("x", DataType.Int), (short)-3).IntValue, Is.EqualTo(-3));
        Assert.That(Encoded(Field("x", DataType.Int), 7).FloatValue, Is.Zero, "an int parameter never gets float_value");
    }

    [Test]
    public void Float_GoesInFloatValue_AndAnIntegerForAFloatParameterToo()
    {
        // The runtime reads an int_value for a float parameter as 0 without an error: encode by the signature.
        var fromInt = Encoded(Field("x", DataType.Float), 1);
        Assert.Multiple(() =>
        {
            Assert.That(fromInt.FloatValue, Is.EqualTo(1.0));
            Assert.That(fromInt.IntValue, Is.Zero);
            Assert.That(Encoded(Field("x", DataType.Float), 0.25).FloatValue, Is.EqualTo(0.25));
            Assert.That(Encoded(Field("x", DataType.Float), 0.5f).FloatValue, Is.EqualTo(0.5));
        });
    }

    [Test]
    public void Bool_GoesInBoolValue() => Assert.That(Encoded(Field("x", DataType.Bool), true).BoolValue, Is.True);

    [Test]
    public void NDArray_IsNumpysBytesShapeAndDtype_ForArraysOfAnyRank()
    {
        var vector = Encoded(Field("x", DataType.Ndarray), new[] { 1f, 2.5f }).Ndarray;
        var matrix = Encoded(Field("x", DataType.Ndarray), new long[,] { { 1, 2, 3 }, { 4, 5, 6 } }).Ndarray;
        Assert.Multiple(() =>
        {
            Assert.That((vector.Dtype, vector.Shape.ToArray()), Is.EqualTo(("float32", new uint[] { 2 })));
            Assert.That(vector.Buffer.ToByteArray(), Is.EqualTo(BitConverter.GetBytes(1f).Concat(BitConverter.GetBytes(2.5f)).ToArray()));
            Assert.That((matrix.Dtype, matrix.Shape.ToArray(), matrix.Buffer.Length), Is.EqualTo(("int64", new uint[] { 2, 3 }, 48)));
            Assert.That(BitConverter.ToInt64(matrix.Buffer.Span[8..16]), Is.EqualTo(2), "row-major, as numpy's tobytes()");
        });
    }

    [Test]
    public void Json_AnObjectIsAStruct_AndAListIsWrappedInUnderscoreList()
    {
        var fromDictionary = Encoded(Field("x", DataType.JsonData), new Dictionary<string, object?> { ["a"] = 1, ["b"] = new[] { "x", "y" }, ["c"] = null });
        var fromList = Encoded(Field("x", DataType.JsonData), new List<object?> { 1, "two" });
        var fromNode = Encoded(Field("x", DataType.JsonData), JsonNode.Parse("""{"role":"user","content":[{"type":"text"}]}""")!);
        var fromElement = Encoded(Field("x", DataType.JsonData), JsonDocument.Parse("[true]").RootElement);
        Assert.Multiple(() =>
        {
            Assert.That(fromDictionary.StructValue.Fields["a"].NumberValue, Is.EqualTo(1));
            Assert.That(fromDictionary.StructValue.Fields["b"].ListValue.Values.Select(v => v.StringValue), Is.EqualTo(new[] { "x", "y" }));
            Assert.That(fromDictionary.StructValue.Fields["c"].KindCase, Is.EqualTo(Google.Protobuf.WellKnownTypes.Value.KindOneofCase.NullValue));
            Assert.That(fromList.StructValue.Fields.Keys, Is.EqualTo(new[] { "_list" }));
            Assert.That(fromList.StructValue.Fields["_list"].ListValue.Values[1].StringValue, Is.EqualTo("two"));
            Assert.That(fromNode.StructValue.Fields["content"].ListValue.Values[0].StructValue.Fields["type"].StringValue, Is.EqualTo("text"));
            Assert.That(fromElement.StructValue.Fields["_list"].ListValue.Values[0].BoolValue, Is.True);
            Assert.That(fromDictionary.StringValue, Is.Empty, "never JSON text in string_value: the runtime reads it as None");
        });
    }

    [Test]
    public void Text_GoesInTextRaw() => Assert.That(Encoded(Field("x", DataType.Text), "a caption").Text.Raw, Is.EqualTo("a caption"));

    [Test]
    public void Image_Audio_Video_GoInTheirFields_ByUrlOrContent()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Encoded(Field("x", DataType.Image), ImageSource.FromUrl("https://example.test/a.jpg")).Image.Url, Is.EqualTo("https://example.test/a.jpg"));
            Assert.That(Encoded(Field("x", DataType.Image), ImageSource.FromBytes([9, 8])).Image.Base64.ToByteArray(), Is.EqualTo(new byte[] { 9, 8 }));
            Assert.That(Encoded(Field("x", DataType.Image), new Uri("https://example.test/b.png")).Image.Url, Is.EqualTo("https://example.test/b.png"));
            Assert.That(Encoded(Field("x", DataType.Audio), ModelInput.FromAudioUrl(new Uri("https://example.test/a.wav"))).Audio.Url, Is.EqualTo("https://example.test/a.wav"));
            Assert.That(Encoded(Field("x", DataType.Video), new Video { Url = "https://example.test/v.mp4" }).Video.Url, Is.EqualTo("https://example.test/v.mp4"));
        });
    }

    [Test]
    public void Concept_Region_Frame_GoInTheirRepeatedFields()
    {
        var region = new PredictedRegion("r1", new RegionBox(0.1f, 0.2f, 0.3f, 0.4f), 0.9f, [new ConceptValue("cat", "cat", 0.8f)]);
        var frame = new PredictedFrame(3, TimeSpan.FromMilliseconds(1500), [new ConceptValue("dog", "dog", 0.7f)]);
        Assert.Multiple(() =>
        {
            Assert.That(Encoded(Field("x", DataType.Concept), new ConceptValue("cat", "Cat", 0.5f)).Concepts.Single(), Is.EqualTo(new Concept { Id = "cat", Name = "Cat", Value = 0.5f }));
            Assert.That(Encoded(Field("x", DataType.Concept), "dog").Concepts.Single().Id, Is.EqualTo("dog"));
            var sentRegion = Encoded(Field("x", DataType.Region), region).Regions.Single();
            Assert.That((sentRegion.Id, sentRegion.RegionInfo.BoundingBox.LeftCol, sentRegion.Data.Concepts.Single().Id), Is.EqualTo(("r1", 0.2f, "cat")));
            var sentFrame = Encoded(Field("x", DataType.Frame), frame).Frames.Single();
            Assert.That((sentFrame.FrameInfo.Number, sentFrame.FrameInfo.Time, sentFrame.Data.Concepts.Single().Id), Is.EqualTo((3u, 1500u, "dog")));
        });
    }

    [Test]
    public void List_IsNestedPartsWithoutIds_ButConceptsRegionsAndFramesGoStraightIntoTheirField()
    {
        var ints = Encoded(Field("x", DataType.List, Item(DataType.Int)), new[] { 1, 2, 3 });
        var concepts = Encoded(Field("x", DataType.List, Item(DataType.Concept)), new[] { "a", "b" });
        var history = Encoded(Field("x", DataType.List, Item(DataType.JsonData)), new[] { JsonNode.Parse("""{"role":"system","content":"Be brief"}""") });
        Assert.Multiple(() =>
        {
            Assert.That(ints.Parts.Select(p => (p.Id, p.Data.IntValue)), Is.EqualTo(new[] { ("", 1L), ("", 2L), ("", 3L) }));
            Assert.That(concepts.Parts, Is.Empty);
            Assert.That(concepts.Concepts.Select(c => c.Id), Is.EqualTo(new[] { "a", "b" }));
            Assert.That(history.Parts.Single().Data.StructValue.Fields["role"].StringValue, Is.EqualTo("system"));
        });
    }

    [Test]
    public void Tuple_IsNestedPartsWithIdsZeroOneTwo_FromAValueTupleOrAnArray()
    {
        var field = Field("x", DataType.Tuple, Item(DataType.Str), Item(DataType.Float));
        var fromTuple = Encoded(field, ("a", 2));
        var fromArray = Encoded(field, new object[] { "b", 0.5 });
        Assert.Multiple(() =>
        {
            Assert.That(fromTuple.Parts.Select(p => p.Id), Is.EqualTo(new[] { "0", "1" }));
            Assert.That((fromTuple.Parts[0].Data.StringValue, fromTuple.Parts[1].Data.FloatValue), Is.EqualTo(("a", 2.0)));
            Assert.That((fromArray.Parts[0].Data.StringValue, fromArray.Parts[1].Data.FloatValue), Is.EqualTo(("b", 0.5)));
        });
    }

    [Test]
    public void NamedFields_AreNestedPartsNamedByField_InDeclaredOrder()
    {
        var field = Field("x", DataType.NamedFields, Field("label", DataType.Str), Field("scores", DataType.List, Item(DataType.Float)));

        var data = Encoded(field, new Dictionary<string, object?> { ["scores"] = new[] { 1, 2 }, ["label"] = "cat" });

        Assert.Multiple(() =>
        {
            Assert.That(data.Parts.Select(p => p.Id), Is.EqualTo(new[] { "label", "scores" }));
            Assert.That(data.Parts[1].Data.Parts.Select(p => p.Data.FloatValue), Is.EqualTo(new[] { 1.0, 2.0 }));
        });
    }

    [Test]
    public void NestedContainers_ListOfTuples()
    {
        var field = Field("x", DataType.List, Item(DataType.Tuple, Item(DataType.Str), Item(DataType.Int)));

        var data = Encoded(field, new List<(string, int)> { ("a", 1), ("b", 2) });

        Assert.That(data.Parts.Select(p => (p.Data.Parts[0].Data.StringValue, p.Data.Parts[1].Data.IntValue)), Is.EqualTo(new[] { ("a", 1L), ("b", 2L) }));
    }
}
