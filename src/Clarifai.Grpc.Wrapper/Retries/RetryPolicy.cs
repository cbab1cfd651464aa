using GrpcStatusCode = Grpc.Core.StatusCode;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// The one retry rule of the library, for the unary calls, the uploader and <see cref="ClarifaiException.IsRetryable"/>:
/// which failures are transient, when a request that is not idempotent may still be sent again, and how long to wait.
/// </summary>
internal sealed class RetryPolicy
{
    public RetryPolicy(RetrySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
    }

    public RetrySettings Settings { get; }

    public int MaxAttempts => Settings.MaxAttempts;

    /// <summary>
    /// Whether sending the same request again may succeed: the retryable Clarifai codes of the status table; gRPC
    /// Unavailable, Internal (how a reset stream surfaces), Aborted, DeadlineExceeded, and ResourceExhausted unless the
    /// message was too large (which no resend cures).
    /// </summary>
    public static bool IsTransient(ClarifaiException failure) => failure switch
    {
        ClarifaiTransportException transport => IsTransient(transport.GrpcStatusCode, transport.Details),
        _ => ClarifaiStatusCodes.IsRetryable(failure.Code),
    };

    /// <summary>Whether a gRPC failure with this code and detail is transient.</summary>
    public static bool IsTransient(GrpcStatusCode code, string detail) => code switch
    {
        GrpcStatusCode.Unavailable or GrpcStatusCode.Internal or GrpcStatusCode.Aborted or GrpcStatusCode.DeadlineExceeded => true,
        GrpcStatusCode.ResourceExhausted => !IsMessageTooLarge(detail),
        _ => false,
    };

    /// <summary>
    /// Whether the failure proves that the request had no effect: it never left this machine (no connection could be
    /// opened), or the server refused it before doing any work (throttling, a full queue).
    /// </summary>
    public static bool HadNoEffect(ClarifaiException failure) => failure switch
    {
        ClarifaiTransportException transport => transport.NeverSent,
        _ => ClarifaiStatusCodes.IsRefusedBeforeWork(failure.Code),
    };

    /// <summary>Whether the request that met <paramref name="failure"/> may be sent again: transient, and idempotent or without effect.</summary>
    public static bool MayResend(ClarifaiException failure, bool idempotent) =>
        IsTransient(failure) && (idempotent || HadNoEffect(failure));

    /// <summary>
    /// Whether a call that met <paramref name="failure"/> may be sent again: <see cref="MayResend"/>, except after
    /// DeadlineExceeded — transient for a new call, but it says this call's one deadline has passed.
    /// </summary>
    public static bool MayRetry(ClarifaiException failure, bool idempotent) =>
        failure is not ClarifaiTransportException { GrpcStatusCode: GrpcStatusCode.DeadlineExceeded } && MayResend(failure, idempotent);

    /// <summary>
    /// The wait before the next attempt after attempt number <paramref name="attempt"/> failed, or <see langword="null"/>
    /// when there is none: the attempts are used up, or the wait would not end before <paramref name="remaining"/> runs out.
    /// </summary>
    public TimeSpan? DelayAfter(int attempt, TimeSpan? remaining)
    {
        if (attempt >= Settings.MaxAttempts) return null;
        var delay = Settings.Backoff(attempt);
        return remaining is { } left && delay >= left ? null : delay;
    }

    /// <summary>grpc-dotnet's words for a message over the send or receive limit, on either side of the wire.</summary>
    private static bool IsMessageTooLarge(string detail) =>
        detail.Contains("message size", StringComparison.OrdinalIgnoreCase) || detail.Contains("message too large", StringComparison.OrdinalIgnoreCase);
}
