using System.Diagnostics;

namespace Clarifai.Grpc.Wrapper.Pipeline;

/// <summary>
/// One logical unary call as it travels down the layers: what to send, and the state the layers share — the one
/// deadline, the caller's cancellation, the current attempt, the activity that traces it.
/// </summary>
internal sealed class UnaryInvocation<TRequest, TResponse>
    where TRequest : class
    where TResponse : class
{
    public UnaryInvocation(UnaryRpc<TRequest, TResponse> rpc, TRequest request, Clarifai.Api.V2.V2Client client, DateTime? deadline, CancellationToken cancellationToken)
    {
        Rpc = rpc;
        Request = request;
        Client = client;
        Deadline = deadline;
        CancellationToken = cancellationToken;
    }

    public UnaryRpc<TRequest, TResponse> Rpc { get; }

    public TRequest Request { get; }

    /// <summary>The generated client each attempt goes out with: its credentials layer sets the call's default <c>user_app_id</c>.</summary>
    public Clarifai.Api.V2.V2Client Client { get; }

    /// <summary>
    /// The deadline of the logical call, retries included; <see langword="null"/> for none. Renewed (from
    /// <see cref="Timeout"/>) only when a cold model made the call wait (see <see cref="ModelWarmUpLayer"/>).
    /// </summary>
    public DateTime? Deadline { get; set; }

    /// <summary>The time the call may take, from which <see cref="Deadline"/> was set; <see langword="null"/> when the caller fixed the deadline.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The warm-up budget for cold models, or <see langword="null"/> when cold answers take the ordinary retry rule.</summary>
    public ModelWarmUpSettings? WarmUp { get; init; }

    public CancellationToken CancellationToken { get; }

    /// <summary>Extra headers for every attempt (the caller's own), or <see langword="null"/>.</summary>
    public global::Grpc.Core.Metadata? Headers { get; init; }

    /// <summary>Refuses an accepted response the caller cannot use (the <c>check</c> of the executor's <c>CallAsync</c>).</summary>
    public Func<TResponse, ClarifaiException?>? Check { get; init; }

    /// <summary>This call's retry rule, when it overrides the client's (<see cref="CallSettings.Retry"/>).</summary>
    public RetryPolicy? Retry { get; init; }

    /// <summary>Learns what the retries revealed; see <see cref="CallAttempts"/>.</summary>
    public CallAttempts? Attempts { get; init; }

    /// <summary>The attempt under way, 1 for the first.</summary>
    public int Attempt { get; set; } = 1;

    /// <summary>The activity tracing the call, when someone listens.</summary>
    public Activity? Activity { get; set; }
}
