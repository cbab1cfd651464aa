using Clarifai.Grpc.Wrapper;
using StackExchange.Redis;

namespace Clarifai.Cli;

/// <summary>What the workers of one upload share through Redis (<c>--redis</c>): the account's rate limits and the job's checkpoint.</summary>
internal sealed class Fleet : IAsyncDisposable
{
    private readonly ConnectionMultiplexer _redis;
    private readonly string _rateKey;

    private Fleet(ConnectionMultiplexer redis, string rateKey)
    {
        _redis = redis;
        _rateKey = rateKey;
    }

    /// <summary>Connects to the fleet's Redis.</summary>
    /// <exception cref="ArgumentException">The configuration is not a valid StackExchange.Redis configuration, or Redis cannot be reached.</exception>
    public static async Task<Fleet> ConnectAsync(string configuration, string rateKey)
    {
        try
        {
            var options = ConfigurationOptions.Parse(configuration);
            options.AbortOnConnectFail = true;
            return new Fleet(await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false), rateKey);
        }
        catch (Exception e) when (e is RedisConnectionException or ArgumentException)
        {
            throw new ArgumentException($"--redis '{configuration}': {e.Message}", e);
        }
    }

    /// <summary>The fleet's limit of <paramref name="what"/> (requests, inputs) per second.</summary>
    public RedisRateLimiter Limiter(string what, double perSecond) =>
        new(_redis.GetDatabase(), new RedisRateLimiterOptions { Key = $"{_rateKey}:{what}", PermitsPerSecond = perSecond });

    /// <summary>The shared checkpoint of a job.</summary>
    public RedisUploadCheckpoint Checkpoint(string job) => new(_redis.GetDatabase(), job);

    public ValueTask DisposeAsync() => _redis.DisposeAsync();
}
