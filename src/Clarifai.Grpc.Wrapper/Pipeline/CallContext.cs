namespace Clarifai.Grpc.Wrapper.Pipeline;

/// <summary>
/// What a service says about one logical call besides its RPC and request: the caller's settings and cancellation, and
/// what the service asks of the answer. The executor turns it into the call's <see cref="UnaryInvocation{TRequest, TResponse}"/>.
/// </summary>
/// <param name="Settings">This call's settings over the client's (timeout, retry, warm-up, headers, user and app), or <see langword="null"/>.</param>
/// <param name="CancellationToken">Cancels the call and its retries.</param>
internal readonly record struct CallContext<TResponse>(CallSettings? Settings, CancellationToken CancellationToken)
    where TResponse : class
{
    /// <summary>
    /// Refuses an accepted response whose content the caller cannot use (an item that failed where the caller wants one
    /// result): the exception it returns is thrown, and the call is recorded as failed.
    /// </summary>
    public Func<TResponse, ClarifaiException?>? Check { get; init; }

    /// <summary>Learns what the retries revealed, for callers that interpret the answer in their light (see <see cref="CallAttempts"/>).</summary>
    public CallAttempts? Attempts { get; init; }
}
