using System.Buffers;
using Clarifai.Api;
using Google.Protobuf;
using Grpc.Core;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Tests.Auth;

/// <summary>
/// Over a channel, responses are checked for the key as they are decoded: the encoded bytes are searched, and only a
/// response that holds the key is walked and redacted. Driven here through the marshaller with payloads cut into
/// segments as a transport delivers them.
/// </summary>
[TestFixture]
public sealed class ScrubbingMarshallersTests
{
    private const string Key = "0123456789abcdef0123456789abcdef";

    private static readonly Method<GetModelRequest, SingleModelResponse> GetModel = new(
        MethodType.Unary, "clarifai.api.V2", "GetModel",
        Marshallers.Create(r => r.ToByteArray(), GetModelRequest.Parser.ParseFrom),
        Marshallers.Create(r => r.ToByteArray(), SingleModelResponse.Parser.ParseFrom));

    [TestCase(1)]
    [TestCase(8)]
    [TestCase(1000)]
    public void AResponseHoldingTheKey_IsRedactedAsItIsDecoded_WhereverTheSegmentsAreCut(int segmentLength)
    {
        var response = new SingleModelResponse
        {
            Status = new Clarifai.Api.Status.Status { Code = StatusCode.ConnKeyInvalid, Details = "Authorization: Key " + Key },
            Model = new Model { Id = "pets", Notes = "key " + Key + " in a nested message" },
        };

        var decoded = Decode(response, segmentLength);

        Assert.Multiple(() =>
        {
            Assert.That(decoded.Status.Details, Is.EqualTo("Authorization: Key " + SecretScrubber.Mask));
            Assert.That(decoded.Model.Notes, Does.Not.Contain(Key));
            Assert.That(decoded.Model.Id, Is.EqualTo("pets"), "the rest is kept");
        });
    }

    [Test]
    public void AResponseWithoutTheKey_IsDecodedAsItCame()
    {
        var response = new SingleModelResponse { Status = new Clarifai.Api.Status.Status { Code = StatusCode.Success, Description = "Ok" }, Model = new Model { Id = "pets", Notes = Key[..^1] } };

        Assert.That(Decode(response, 5), Is.EqualTo(response));
    }

    [Test]
    public void EachRpc_GetsOneCheckedMethod_ForTheChannelToCache()
    {
        var marshallers = new ScrubbingMarshallers(new SecretScrubber(Key));

        var first = marshallers.For(GetModel);

        Assert.Multiple(() =>
        {
            Assert.That(marshallers.For(GetModel), Is.SameAs(first));
            Assert.That(first.FullName, Is.EqualTo(GetModel.FullName));
            Assert.That(first.RequestMarshaller, Is.SameAs(GetModel.RequestMarshaller));
        });
    }

    private static SingleModelResponse Decode(SingleModelResponse response, int segmentLength)
    {
        var method = new ScrubbingMarshallers(new SecretScrubber(Key)).For(GetModel);
        return method.ResponseMarshaller.ContextualDeserializer(new SegmentedPayload(response.ToByteArray(), segmentLength));
    }

    /// <summary>A received message as a transport hands it over: in segments of <c>segmentLength</c> bytes.</summary>
    private sealed class SegmentedPayload(byte[] payload, int segmentLength) : DeserializationContext
    {
        public override int PayloadLength => payload.Length;

        public override byte[] PayloadAsNewBuffer() => payload.ToArray();

        public override ReadOnlySequence<byte> PayloadAsReadOnlySequence()
        {
            var first = new Segment(payload.AsMemory(0, Math.Min(segmentLength, payload.Length)), 0);
            var last = first;
            for (var start = segmentLength; start < payload.Length; start += segmentLength)
            {
                last = last.Append(payload.AsMemory(start, Math.Min(segmentLength, payload.Length - start)));
            }

            return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        }
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
