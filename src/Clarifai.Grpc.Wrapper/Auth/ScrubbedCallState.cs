using Grpc.Core;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// What the credentials layer hands back in place of a call's headers, status, trailers and dispose: the inner call's
/// own, scrubbed only when someone asks. One object per call (the state of Grpc.Core's state-taking call
/// constructors) instead of a closure per member, and no work for the headers unless they are read — awaiting them
/// eagerly cost every unary call a second continuation on the thread pool.
/// </summary>
internal sealed class ScrubbedCallState
{
    public static readonly Func<object, Task<Metadata>> Headers = static state => ((ScrubbedCallState)state).ScrubbedHeaders();

    public static readonly Func<object, Status> Status = static state => ((ScrubbedCallState)state).ScrubbedStatus();

    public static readonly Func<object, Metadata> Trailers = static state => ((ScrubbedCallState)state).ScrubbedTrailers();

    public static readonly Action<object> Dispose = static state => ((ScrubbedCallState)state)._dispose();

    private readonly SecretScrubber _scrubber;
    private readonly Func<Task<Metadata>> _headers;
    private readonly Func<Status> _status;
    private readonly Func<Metadata> _trailers;
    private readonly Action _dispose;
    private Task<Metadata>? _scrubbedHeaders;

    public ScrubbedCallState(SecretScrubber scrubber, Func<Task<Metadata>> headers, Func<Status> status, Func<Metadata> trailers, Action dispose)
    {
        _scrubber = scrubber;
        _headers = headers;
        _status = status;
        _trailers = trailers;
        _dispose = dispose;
    }

    private Task<Metadata> ScrubbedHeaders() => _scrubbedHeaders ??= _scrubber.ScrubAsync(_headers());

    private Status ScrubbedStatus() => _scrubber.Scrub(_status());

    private Metadata ScrubbedTrailers() => _scrubber.Scrub(_trailers());
}
