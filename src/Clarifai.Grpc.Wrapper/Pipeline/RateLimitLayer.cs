using System.Threading.RateLimiting;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// Paces every attempt through the client's <see cref="RateLimiter"/> (<see cref="ClarifaiClientOptions.RateLimiter"/>),
/// under the retry layer so that retries are paced too, and tells an <see cref="IRateLimitFeedback"/> limiter how the
/// server answered: throttled (11003, 11005), or accepted.
/// </summary>
internal sealed class RateLimitLayer : UnaryLayer
{
    private readonly RateLimiter _limiter;

    public RateLimitLayer(RateLimiter limiter) => _limiter = limiter;

    public override async Task<TResponse> SendAsync<TRequest, TResponse>(UnaryInvocation<TRequest, TResponse> call)
    {
        using var lease = await _limiter.AcquireAsync(1, call.CancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            throw new ClarifaiThrottledException(
                new ClarifaiStatus(Clarifai.Api.Status.StatusCode.ConnThrottled, "Making too many requests", "The client's rate limiter has too many requests waiting (AdaptiveRateLimiterOptions.QueueLimit).", string.Empty),
                call.Rpc.Name);
        }

        var feedback = _limiter as IRateLimitFeedback;
        try
        {
            var response = await NextAsync(call).ConfigureAwait(false);
            feedback?.OnAccepted();
            return response;
        }
        catch (ClarifaiException failure) when (feedback is not null && failure is not ClarifaiTransportException)
        {
            if (failure.Code is Clarifai.Api.Status.StatusCode.ConnThrottled or Clarifai.Api.Status.StatusCode.ConnExceedHourlyLimit) feedback.OnThrottled();
            else feedback.OnAccepted();
            throw;
        }
    }
}
