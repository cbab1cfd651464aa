using System.Collections.Concurrent;
using Grpc.Core;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// For calls over a channel, each RPC's <see cref="Method{TRequest, TResponse}"/> with a response deserializer that
/// looks for the key in the encoded bytes as they arrive (<see cref="SecretScrubber.Contains(System.Buffers.ReadOnlySequence{byte})"/>)
/// and walks the decoded message only when they hold it. Walking every field of every response cost an upload about
/// a third of a microsecond per input; the search costs a few nanoseconds per kilobyte. One method per RPC, made on
/// first use: the channel caches per method instance.
/// </summary>
internal sealed class ScrubbingMarshallers
{
    private readonly SecretScrubber _scrubber;
    private readonly ConcurrentDictionary<IMethod, IMethod> _methods = new();

    public ScrubbingMarshallers(SecretScrubber scrubber) => _scrubber = scrubber;

    public Method<TRequest, TResponse> For<TRequest, TResponse>(Method<TRequest, TResponse> method) =>
        (Method<TRequest, TResponse>)_methods.GetOrAdd(method, static (m, scrubber) => Wrap((Method<TRequest, TResponse>)m, scrubber), _scrubber);

    private static Method<TRequest, TResponse> Wrap<TRequest, TResponse>(Method<TRequest, TResponse> method, SecretScrubber scrubber)
    {
        var responses = method.ResponseMarshaller;
        var deserialize = responses.ContextualDeserializer;
        var checkedResponses = new Marshaller<TResponse>(responses.ContextualSerializer, context =>
        {
            var leaks = scrubber.Contains(context.PayloadAsReadOnlySequence());
            var message = deserialize(context);
            return leaks ? scrubber.Scrub(message) : message;
        });
        return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, method.RequestMarshaller, checkedResponses);
    }
}
