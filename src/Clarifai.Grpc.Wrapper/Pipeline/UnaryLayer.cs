namespace Clarifai.Grpc.Wrapper.Pipeline;

/// <summary>
/// One job of the call pipeline (telemetry, warm-up, retry, rate limit, status translation, transport), composed in
/// that order by <see cref="ClarifaiCallExecutor"/> — the shape of gax's <c>ApiCall.WithRetry/WithLogging</c> and
/// Azure.Core's pipeline policies. Each layer does its job around <see cref="Next"/>. Every call kind passes them: a
/// unary call as it is, a stream as its opening (<see cref="StreamRpcs"/>).
/// </summary>
internal abstract class UnaryLayer
{
    /// <summary>The layer below; null only for the transport at the bottom.</summary>
    public UnaryLayer? Next { get; init; }

    public abstract Task<TResponse> SendAsync<TRequest, TResponse>(UnaryInvocation<TRequest, TResponse> call)
        where TRequest : class
        where TResponse : class;

    protected Task<TResponse> NextAsync<TRequest, TResponse>(UnaryInvocation<TRequest, TResponse> call)
        where TRequest : class
        where TResponse : class =>
        (Next ?? throw new InvalidOperationException($"{GetType().Name} needs a layer below it.")).SendAsync(call);
}
