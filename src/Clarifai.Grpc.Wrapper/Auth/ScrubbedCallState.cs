using Grpc.Core;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// What the credentials layer hands back in place of a call's headers, status, trailers and dispose: the inner call's
/// own, scrubbed only when someone asks. One object per call holding the inner call (the state of Grpc.Core's
/// state-taking call constructors) instead of a closure and a delegate per member, and no work for the headers unless
/// they are read — awaiting them eagerly cost every unary call a second continuation on the thread pool.
/// </summary>
internal abstract class ScrubbedCallState
{
    public static readonly Func<object, Task<Metadata>> Headers = static state => ((ScrubbedCallState)state).ScrubbedHeaders();

    public static readonly Func<object, Status> Status = static state => ((ScrubbedCallState)state).ScrubbedStatus();

    public static readonly Func<object, Metadata> Trailers = static state => ((ScrubbedCallState)state).ScrubbedTrailers();

    public static readonly Action<object> Dispose = static state => ((ScrubbedCallState)state).DisposeInner();

    private readonly SecretScrubber _scrubber;
    private Task<Metadata>? _scrubbedHeaders;

    private ScrubbedCallState(SecretScrubber scrubber) => _scrubber = scrubber;

    public static ScrubbedCallState Of<TResponse>(AsyncUnaryCall<TResponse> call, SecretScrubber scrubber) => new Unary<TResponse>(call, scrubber);

    public static ScrubbedCallState Of<TResponse>(AsyncServerStreamingCall<TResponse> call, SecretScrubber scrubber) => new ServerStreaming<TResponse>(call, scrubber);

    public static ScrubbedCallState Of<TRequest, TResponse>(AsyncClientStreamingCall<TRequest, TResponse> call, SecretScrubber scrubber) => new ClientStreaming<TRequest, TResponse>(call, scrubber);

    public static ScrubbedCallState Of<TRequest, TResponse>(AsyncDuplexStreamingCall<TRequest, TResponse> call, SecretScrubber scrubber) => new DuplexStreaming<TRequest, TResponse>(call, scrubber);

    protected abstract Task<Metadata> InnerHeaders();

    protected abstract Status InnerStatus();

    protected abstract Metadata InnerTrailers();

    protected abstract void DisposeInner();

    private Task<Metadata> ScrubbedHeaders() => _scrubbedHeaders ??= _scrubber.ScrubAsync(InnerHeaders());

    private Status ScrubbedStatus() => _scrubber.Scrub(InnerStatus());

    private Metadata ScrubbedTrailers() => _scrubber.Scrub(InnerTrailers());

    // The four call types of Grpc.Core share these members but no interface.
    private sealed class Unary<TResponse>(AsyncUnaryCall<TResponse> call, SecretScrubber scrubber) : ScrubbedCallState(scrubber)
    {
        protected override Task<Metadata> InnerHeaders() => call.ResponseHeadersAsync;

        protected override Status InnerStatus() => call.GetStatus();

        protected override Metadata InnerTrailers() => call.GetTrailers();

        protected override void DisposeInner() => call.Dispose();
    }

    private sealed class ServerStreaming<TResponse>(AsyncServerStreamingCall<TResponse> call, SecretScrubber scrubber) : ScrubbedCallState(scrubber)
    {
        protected override Task<Metadata> InnerHeaders() => call.ResponseHeadersAsync;

        protected override Status InnerStatus() => call.GetStatus();

        protected override Metadata InnerTrailers() => call.GetTrailers();

        protected override void DisposeInner() => call.Dispose();
    }

    private sealed class ClientStreaming<TRequest, TResponse>(AsyncClientStreamingCall<TRequest, TResponse> call, SecretScrubber scrubber) : ScrubbedCallState(scrubber)
    {
        protected override Task<Metadata> InnerHeaders() => call.ResponseHeadersAsync;

        protected override Status InnerStatus() => call.GetStatus();

        protected override Metadata InnerTrailers() => call.GetTrailers();

        protected override void DisposeInner() => call.Dispose();
    }

    private sealed class DuplexStreaming<TRequest, TResponse>(AsyncDuplexStreamingCall<TRequest, TResponse> call, SecretScrubber scrubber) : ScrubbedCallState(scrubber)
    {
        protected override Task<Metadata> InnerHeaders() => call.ResponseHeadersAsync;

        protected override Status InnerStatus() => call.GetStatus();

        protected override Metadata InnerTrailers() => call.GetTrailers();

        protected override void DisposeInner() => call.Dispose();
    }
}
