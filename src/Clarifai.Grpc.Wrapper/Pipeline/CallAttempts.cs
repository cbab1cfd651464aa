namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// What the pipeline learned while retrying one logical call, for callers that must interpret the final answer in its
/// light: whether an earlier attempt may have done its work although its answer was lost (so that a later
/// "already exists" can be the call's own doing), and when the first attempt was sent.
/// </summary>
internal sealed class CallAttempts
{
    /// <summary>When the first attempt was sent, on the client's clock.</summary>
    public DateTimeOffset? FirstSentAt { get; private set; }

    /// <summary>Whether a failed attempt may have reached the server and done its work.</summary>
    public bool EarlierAttemptMayHaveLanded { get; private set; }

    public void Sending(DateTimeOffset now) => FirstSentAt ??= now;

    public void Failed(ClarifaiException failure)
    {
        if (!RetryPolicy.HadNoEffect(failure)) EarlierAttemptMayHaveLanded = true;
    }
}
