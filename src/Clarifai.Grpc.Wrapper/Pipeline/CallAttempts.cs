namespace Clarifai.Grpc.Wrapper.Pipeline;

/// <summary>
/// A caller's view of, and say in, the retries of one logical call: what the pipeline learned — how many attempts were
/// sent, whether an earlier one may have done its work although its answer was lost (so that a later "already exists"
/// can be the call's own doing), when the first was sent — and, optionally, a gate the retry layer asks before sending
/// another attempt (the uploader's circuit breaker) and an observer of each failed attempt.
/// </summary>
internal sealed class CallAttempts
{
    private int _sent;

    /// <summary>When the first attempt was sent, on the client's clock.</summary>
    public DateTimeOffset? FirstSentAt { get; private set; }

    /// <summary>Whether a failed attempt may have reached the server and done its work.</summary>
    public bool EarlierAttemptMayHaveLanded { get; private set; }

    /// <summary>How many attempts were sent.</summary>
    public int Sent => Volatile.Read(ref _sent);

    /// <summary>Asked after a retry's backoff, before the next attempt is sent: <see langword="false"/> ends the retries with the last failure.</summary>
    public Func<bool>? MaySendAgain { get; init; }

    /// <summary>Told of each failed attempt (the last included).</summary>
    public Action<ClarifaiException>? OnFailed { get; init; }

    public void Sending(DateTimeOffset now)
    {
        FirstSentAt ??= now;
        Interlocked.Increment(ref _sent);
    }

    public void Failed(ClarifaiException failure)
    {
        if (!RetryPolicy.HadNoEffect(failure)) EarlierAttemptMayHaveLanded = true;
        OnFailed?.Invoke(failure);
    }
}
