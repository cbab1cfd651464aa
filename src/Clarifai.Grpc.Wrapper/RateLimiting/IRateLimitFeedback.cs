namespace Clarifai.Grpc.Wrapper.RateLimiting;

/// <summary>
/// A rate limiter that learns from Clarifai's answers: the client tells it when a request was throttled (11005
/// CONN_THROTTLED, 11003) and when one was accepted, so it can slow down and speed back up.
/// </summary>
public interface IRateLimitFeedback
{
    /// <summary>A request was throttled by the server.</summary>
    void OnThrottled();

    /// <summary>A request was accepted (answered, whatever its outcome, without throttling).</summary>
    void OnAccepted();
}
