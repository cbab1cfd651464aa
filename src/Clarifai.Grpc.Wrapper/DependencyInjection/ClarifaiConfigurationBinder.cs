using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// Binds the <c>Clarifai</c> configuration section onto <see cref="ClarifaiClientOptions"/> in plain code: the
/// reflection binder needs dynamic code (not under Native AOT), and its source generator cannot write the settings'
/// <c>init</c> properties. Every value-typed setting is bound (a test walks the options' shape so that none is
/// missed); objects set in code (rate limiters, the clock, jitter) are not configuration. A value that does not parse
/// is an <see cref="InvalidOperationException"/> naming its key, as the framework's binder does.
/// </summary>
internal static class ClarifaiConfigurationBinder
{
    public static void Bind(IConfiguration section, ClarifaiClientOptions options)
    {
        options.ApiKey = section[nameof(options.ApiKey)] ?? options.ApiKey;
        options.UserId = section[nameof(options.UserId)] ?? options.UserId;
        options.AppId = section[nameof(options.AppId)] ?? options.AppId;
        options.Endpoint = Read(section, nameof(options.Endpoint), static s => new Uri(s, UriKind.Absolute)) ?? options.Endpoint;
        options.AllowInsecureCredentials = ReadValue(section, nameof(options.AllowInsecureCredentials), bool.Parse) ?? options.AllowInsecureCredentials;
        options.Timeout = ReadValue(section, nameof(options.Timeout), ParseTimeSpan) ?? options.Timeout;

        var retry = section.GetSection(nameof(options.Retry));
        options.Retry = options.Retry with
        {
            MaxAttempts = ReadValue(retry, nameof(RetrySettings.MaxAttempts), ParseInt) ?? options.Retry.MaxAttempts,
            InitialBackoff = ReadValue(retry, nameof(RetrySettings.InitialBackoff), ParseTimeSpan) ?? options.Retry.InitialBackoff,
            MaxBackoff = ReadValue(retry, nameof(RetrySettings.MaxBackoff), ParseTimeSpan) ?? options.Retry.MaxBackoff,
            BackoffMultiplier = ReadValue(retry, nameof(RetrySettings.BackoffMultiplier), ParseDouble) ?? options.Retry.BackoffMultiplier,
        };

        var warmUp = section.GetSection(nameof(options.ModelWarmUp));
        options.ModelWarmUp = options.ModelWarmUp with
        {
            MaxWait = ReadValue(warmUp, nameof(ModelWarmUpSettings.MaxWait), ParseTimeSpan) ?? options.ModelWarmUp.MaxWait,
            InitialDelay = ReadValue(warmUp, nameof(ModelWarmUpSettings.InitialDelay), ParseTimeSpan) ?? options.ModelWarmUp.InitialDelay,
            MaxDelay = ReadValue(warmUp, nameof(ModelWarmUpSettings.MaxDelay), ParseTimeSpan) ?? options.ModelWarmUp.MaxDelay,
            Multiplier = ReadValue(warmUp, nameof(ModelWarmUpSettings.Multiplier), ParseDouble) ?? options.ModelWarmUp.Multiplier,
        };

        var polling = section.GetSection(nameof(options.Polling));
        options.Polling = options.Polling with
        {
            InitialDelay = ReadValue(polling, nameof(PollingSettings.InitialDelay), ParseTimeSpan) ?? options.Polling.InitialDelay,
            Multiplier = ReadValue(polling, nameof(PollingSettings.Multiplier), ParseDouble) ?? options.Polling.Multiplier,
            MaxDelay = ReadValue(polling, nameof(PollingSettings.MaxDelay), ParseTimeSpan) ?? options.Polling.MaxDelay,
            Timeout = ReadValue(polling, nameof(PollingSettings.Timeout), ParseTimeSpan) ?? options.Polling.Timeout,
        };
    }

    private static T? Read<T>(IConfiguration section, string key, Func<string, T> parse)
        where T : class =>
        section[key] is { } text ? Parse(section, key, text, parse) : null;

    /// <summary>A value-typed setting, or null when the section lacks it; a value that does not parse is refused naming its key.</summary>
    internal static T? ReadValue<T>(IConfiguration section, string key, Func<string, T> parse)
        where T : struct =>
        section[key] is { } text ? Parse(section, key, text, parse) : null;

    private static T Parse<T>(IConfiguration section, string key, string text, Func<string, T> parse)
    {
        try
        {
            return parse(text);
        }
        catch (Exception e) when (e is FormatException or OverflowException or UriFormatException)
        {
            var path = section is IConfigurationSection own ? own.Path + ":" + key : key;
            throw new InvalidOperationException($"Failed to convert configuration value '{text}' at '{path}' to type '{typeof(T).Name}'.", e);
        }
    }

    private static int ParseInt(string text) => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static double ParseDouble(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    internal static TimeSpan ParseTimeSpan(string text) => TimeSpan.Parse(text, CultureInfo.InvariantCulture);
}
