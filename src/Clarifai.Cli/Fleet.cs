using Clarifai.Grpc.Wrapper;
using Clarifai.Grpc.Wrapper.Redis;
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
    /// <param name="configuration">A StackExchange.Redis configuration; its password is added to <paramref name="secrets"/> and never shown.</param>
    /// <param name="rateKey">The key of the shared rate budget.</param>
    /// <param name="secrets">The command's secrets.</param>
    /// <exception cref="ArgumentException">The configuration is not a valid StackExchange.Redis configuration.</exception>
    /// <exception cref="CliUnavailableException">Redis cannot be reached; the message names it without its password.</exception>
    public static async Task<Fleet> ConnectAsync(string configuration, string rateKey, CliSecrets secrets)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(configuration);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"--redis: not a valid Redis configuration ({CliMessages.Of(e)}); for example localhost:6379 or host:6379,password=…");
        }

        secrets.Add(options.Password);
        options.AbortOnConnectFail = true;
        try
        {
            return new Fleet(await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false), rateKey);
        }
        catch (RedisConnectionException e)
        {
            throw new CliUnavailableException($"--redis: {options.ToString(includePassword: false)} cannot be reached ({e.FailureType}).", e);
        }
    }

    /// <summary>The fleet's limit of <paramref name="what"/> (requests, inputs) per second.</summary>
    public RedisRateLimiter Limiter(string what, double perSecond) =>
        new(_redis.GetDatabase(), new RedisRateLimiterOptions { Key = $"{_rateKey}:{what}", PermitsPerSecond = perSecond });

    /// <summary>The shared checkpoint of a job.</summary>
    public RedisUploadCheckpoint Checkpoint(string job) => new(_redis.GetDatabase(), job);

    public ValueTask DisposeAsync() => _redis.DisposeAsync();
}
