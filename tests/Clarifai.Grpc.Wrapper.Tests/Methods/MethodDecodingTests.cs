using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Clarifai.Api;
using Clarifai.Grpc.Wrapper.Methods;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using static Clarifai.Grpc.Wrapper.Tests.Methods.Signatures;
using DataType = Clarifai.Api.ModelTypeField.Types.DataType;

namespace Clarifai.Grpc.Wrapper.Tests.Methods;

/// <summary>Every declared result type from the <c>return</c> part to its .NET value, and back through <see cref="MethodResult.As{T}()"/>.</summary>
[TestFixture]
public sealed class MethodDecodingTests
{
    private static object? Decoded(ModelTypeField returns, Data value) =>
        MethodValueDecoder.DecodeResult(MethodField.FromProto(returns), new Data { Parts = { new Part { Id = "return", Data = value } } });

    [Test]
    public void Scalars()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Decoded(Returns(DataType.Str), new Data { StringValue = "hi" }), Is.EqualTo("hi"));
            Assert.That(Decoded(Returns(DataType.Bytes), new Data { BytesValue = ByteString.CopyFrom(1, 2) }), Is.EqualTo(new byte[] { 1, 2 }));
            Assert.That(Decoded(Returns(DataType.Int), new Data { IntValue = 42 }), Is.EqualTo(42L));
            Assert.That(Decoded(Returns(DataType.Float), new Data { FloatValue = 0.5 }), Is.EqualTo(0.5));
            Assert.That(Decoded(Returns(DataType.Bool), new Data { BoolValue = true }), Is.EqualTo(true));
            Assert.That(Decoded(Returns(DataType.Text), new Data { Text = new Text { Raw = "caption" } }), Is.EqualTo("caption"));
        });
    }

    [Test]
    public void AnInlinedResult_WithoutAReturnPart_IsReadFromTheOutputItself()
    {
        var value = MethodValueDecoder.DecodeResult(MethodField.FromProto(Returns(DataType.Str)), new Data { StringValue = "inline" });

        Assert.That(value, Is.EqualTo("inline"));
    }

    [Test]
    public void Json_IsAJsonNode_AndAWrappedListIsUnwrapped()
    {
        var obj = new Struct { Fields = { ["n"] = Value.ForNumber(3), ["s"] = Value.ForString("x") } };
        var list = new Struct { Fields = { ["_list"] = Value.ForList(Value.ForNumber(1), Value.ForNumber(2.5)) } };

        var fromObject = (JsonObject)Decoded(Returns(DataType.JsonData), new Data { StructValue = obj })!;
        var fromList = (JsonArray)Decoded(Returns(DataType.JsonData), new Data { StructValue = list })!;

        Assert.Multiple(() =>
        {
            Assert.That(fromObject.ToJsonString(), Is.EqualTo("""{"n":3,"s":"x"}"""));
            Assert.That(fromList.ToJsonString(), Is.EqualTo("[1,2.5]"));
        });
    }

    [Test]
    public void NDArray_IsTheProto_AndConvertsToAnArrayOfItsDtype()
    {
        var array = NDArrays.From(new[] { 1.5f, -2f })!;

        var value = Decoded(Returns(DataType.Ndarray), new Data { Ndarray = array });
        var result = new MethodResult(value, new Output());

        Assert.Multiple(() =>
        {
            Assert.That(value, Is.InstanceOf<NDArray>());
            Assert.That(result.As<float[]>(), Is.EqualTo(new[] { 1.5f, -2f }));
            Assert.Throws<InvalidCastException>(() => result.As<double[]>(), "a float32 array is not doubles");
        });
    }

    [Test]
    public void Media_AreTheirProtos()
    {
        Assert.Multiple(() =>
        {
            Assert.That(((Image)Decoded(Returns(DataType.Image), new Data { Image = new Image { Url = "https://example.test/i.png" } })!).Url, Is.EqualTo("https://example.test/i.png"));
            Assert.That(((Audio)Decoded(Returns(DataType.Audio), new Data { Audio = new Audio { Url = "https://example.test/a.wav" } })!).Url, Is.EqualTo("https://example.test/a.wav"));
            Assert.That(((Video)Decoded(Returns(DataType.Video), new Data { Video = new Video { Url = "https://example.test/v.mp4" } })!).Url, Is.EqualTo("https://example.test/v.mp4"));
        });
    }

    [Test]
    public void ConceptRegionFrame_AreTheLibrarysTypes()
    {
        var region = new Region { Id = "r", Value = 0.5f, RegionInfo = new RegionInfo { BoundingBox = new BoundingBox { TopRow = 0.1f } }, Data = new Data { Concepts = { new Concept { Id = "cat", Value = 0.9f } } } };
        Assert.Multiple(() =>
        {
            Assert.That(Decoded(Returns(DataType.Concept), new Data { Concepts = { new Concept { Id = "cat", Name = "Cat", Value = 0.9f } } }), Is.EqualTo(new ConceptValue("cat", "Cat", 0.9f)));
            var decodedRegion = (PredictedRegion)Decoded(Returns(DataType.Region), new Data { Regions = { region } })!;
            Assert.That((decodedRegion.Id, decodedRegion.Box!.Top, decodedRegion.Concepts.Single().Id), Is.EqualTo(("r", 0.1f, "cat")));
            var frame = (PredictedFrame)Decoded(Returns(DataType.Frame), new Data { Frames = { new Frame { FrameInfo = new FrameInfo { Number = 2, Time = 500 } } } })!;
            Assert.That((frame.Number, frame.Time), Is.EqualTo((2, TimeSpan.FromMilliseconds(500))));
        });
    }

    [Test]
    public void Containers_ListTupleNamedFields()
    {
        var list = Decoded(Returns(DataType.List, typeArgs: [Item(DataType.Int)]), new Data { Parts = { new Part { Data = new Data { IntValue = 1 } }, new Part { Data = new Data { IntValue = 2 } } } });
        var concepts = Decoded(Returns(DataType.List, typeArgs: [Item(DataType.Concept)]), new Data { Concepts = { new Concept { Id = "a" }, new Concept { Id = "b" } } });
        var tuple = Decoded(Returns(DataType.Tuple, typeArgs: [Item(DataType.Str), Item(DataType.Bool)]), new Data { Parts = { new Part { Id = "0", Data = new Data { StringValue = "x" } }, new Part { Id = "1", Data = new Data { BoolValue = true } } } });
        var named = Decoded(
            Returns(DataType.NamedFields, typeArgs: [Field("label", DataType.Str), Field("score", DataType.Float)]),
            new Data { Parts = { new Part { Id = "score", Data = new Data { FloatValue = 0.25 } }, new Part { Id = "label", Data = new Data { StringValue = "cat" } } } });
        Assert.Multiple(() =>
        {
            Assert.That((ImmutableArray<object?>)list!, Is.EqualTo(new object[] { 1L, 2L }));
            Assert.That(((ImmutableArray<object?>)concepts!).Cast<ConceptValue>().Select(c => c.Id), Is.EqualTo(new[] { "a", "b" }));
            Assert.That((ImmutableArray<object?>)tuple!, Is.EqualTo(new object[] { "x", true }));
            var fields = (IReadOnlyDictionary<string, object?>)named!;
            Assert.That((fields["label"], fields["score"]), Is.EqualTo(("cat", (object)0.25)));
        });
    }

    [Test]
    public void As_ConvertsNumbersAndRefusesOtherTypes_WithAMessageNamingTheResultsType()
    {
        var integer = new MethodResult(42L, new Output());
        var text = new MethodResult("hi", new Output());
        Assert.Multiple(() =>
        {
            Assert.That(integer.As<int>(), Is.EqualTo(42));
            Assert.That(integer.As<double>(), Is.EqualTo(42.0));
            Assert.That(text.As<string>(), Is.EqualTo("hi"));
            Assert.That(Assert.Throws<InvalidCastException>(() => text.As<int>())!.Message, Does.Contain("String"));
            Assert.That(new MethodResult(null, new Output()).As<string?>(), Is.Null);
            Assert.Throws<InvalidCastException>(() => new MethodResult(null, new Output()).As<int>());
            Assert.Throws<InvalidCastException>(() => new MethodResult(5_000_000_000L, new Output()).As<int>());
        });
    }
}
