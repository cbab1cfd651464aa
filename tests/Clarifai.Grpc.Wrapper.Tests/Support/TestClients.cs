namespace Clarifai.Grpc.Wrapper.Tests.Support;

/// <summary>Clients over a <see cref="MockV2"/>, with a test key and an instant clock.</summary>
internal static class TestClients
{
    public const string ApiKey = "test-pat-0123456789abcdef";
    public const string UserId = "test-user";
    public const string AppId = "test-app";

    public static ClarifaiClientOptions Options(InstantTimeProvider? time = null, RetrySettings? retry = null) => new()
    {
        ApiKey = ApiKey,
        UserId = UserId,
        AppId = AppId,
        TimeProvider = time ?? new InstantTimeProvider(),
        // No jitter unless a test asks for one: every backoff is its ceiling, so tests can check exact waits.
        ModelWarmUp = new ModelWarmUpSettings { Jitter = RetryJitter.None },
        Retry = retry is null || ReferenceEquals(retry.Jitter, RetryJitter.Full) ? (retry ?? new RetrySettings()) with { Jitter = RetryJitter.None } : retry,
    };

    public static ClarifaiClient Create(MockV2 mock, InstantTimeProvider? time = null, RetrySettings? retry = null, Action<ClarifaiClientOptions>? configure = null)
    {
        var options = Options(time, retry);
        configure?.Invoke(options);
        return new ClarifaiClient(options, mock.Invoker.Object);
    }
}
