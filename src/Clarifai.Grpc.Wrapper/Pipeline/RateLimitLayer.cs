using System.Threading.RateLimiting;
using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Pipeline;

/// <summary>
/// Paces every attempt through the client's limiters, under the retry layer so that retries are paced too: one permit
/// per request from <see cref="ClarifaiClientOptions.RateLimiter"/>, and one per input added (PostInputs) from
/// <see cref="ClarifaiClientOptions.InputRateLimiter"/>. Tells each limiter that implements
/// <see cref="IRateLimitFeedback"/> how the server answered: throttled (11003, 11005), or accepted.
/// </summary>
internal sealed class RateLimitLayer : UnaryLayer
{
    private readonly RateLimiter? _requests;
    private readonly RateLimiter? _inputs;

    private RateLimitLayer(RateLimiter? requests, RateLimiter? inputs)
    {
        _requests = requests;
        _inputs = inputs;
    }

    /// <summary>The layers under the retries, behind the limiters when there are any.</summary>
    public static UnaryLayer Over(UnaryLayer layers, RateLimiter? requests, RateLimiter? inputs) =>
        requests is null && inputs is null ? layers : new RateLimitLayer(requests, inputs) { Next = layers };

    public override async Task<TResponse> SendAsync<TRequest, TResponse>(UnaryInvocation<TRequest, TResponse> call)
    {
        var inputCount = _inputs is not null && call.Request is PostInputsRequest post ? post.Inputs.Count : 0;
        using var requestLease = _requests is null ? null : await AcquireAsync(_requests, 1, "ClarifaiClientOptions.RateLimiter", call).ConfigureAwait(false);
        using var inputLease = inputCount == 0 ? null : await AcquireAsync(_inputs!, inputCount, "ClarifaiClientOptions.InputRateLimiter", call).ConfigureAwait(false);
        try
        {
            var response = await NextAsync(call).ConfigureAwait(false);
            Tell(_requests, throttled: false);
            if (inputCount > 0) Tell(_inputs, throttled: false);
            return response;
        }
        catch (ClarifaiException failure) when (failure is not ClarifaiTransportException)
        {
            var throttled = failure.Code is Clarifai.Api.Status.StatusCode.ConnThrottled or Clarifai.Api.Status.StatusCode.ConnExceedHourlyLimit;
            Tell(_requests, throttled);
            if (inputCount > 0) Tell(_inputs, throttled);
            throw;
        }
    }

    private static async ValueTask<RateLimitLease> AcquireAsync<TRequest, TResponse>(RateLimiter limiter, int permits, string option, UnaryInvocation<TRequest, TResponse> call)
        where TRequest : class
        where TResponse : class
    {
        var lease = await limiter.AcquireAsync(permits, call.CancellationToken).ConfigureAwait(false);
        if (lease.IsAcquired) return lease;
        lease.Dispose();
        throw new ClarifaiThrottledException(
            new ClarifaiStatus(Clarifai.Api.Status.StatusCode.ConnThrottled, "Making too many requests", $"The client's rate limiter ({option}) refused {permits} permit(s): too many waiting, or more than it can ever grant at once.", string.Empty),
            call.Rpc.Name);
    }

    private static void Tell(RateLimiter? limiter, bool throttled)
    {
        if (limiter is not IRateLimitFeedback feedback) return;
        if (throttled) feedback.OnThrottled();
        else feedback.OnAccepted();
    }
}
