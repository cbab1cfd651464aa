using System.Reflection;
using Grpc.Net.Client;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// Whether a borrowed <see cref="GrpcChannel"/> uses TLS, so that the key is never sent in plaintext through a channel
/// the client did not create, just as <see cref="ClarifaiClientOptions.Endpoint"/> is checked for one it did.
/// </summary>
/// <remarks>
/// Grpc.Net.Client knows (its call credentials obey the same rule) but does not say publicly, so its internal
/// <c>IsSecure</c> is read once by reflection. Should a later version drop it, the channel's target must be the
/// options' <see cref="ClarifaiClientOptions.Endpoint"/>, whose scheme is then checked instead.
/// </remarks>
internal static class ChannelSecurity
{
    private static readonly PropertyInfo? IsSecureProperty =
        typeof(GrpcChannel).GetProperty("IsSecure", BindingFlags.Instance | BindingFlags.NonPublic) is { PropertyType: var type } p && type == typeof(bool) ? p : null;

    /// <summary>Whether the channel uses TLS, or <see langword="null"/> when this version of Grpc.Net.Client does not tell.</summary>
    public static bool? IsSecure(GrpcChannel channel) => IsSecureProperty?.GetValue(channel) as bool?;

    /// <summary>Refuses a plaintext channel unless <see cref="ClarifaiClientOptions.AllowInsecureCredentials"/> is set.</summary>
    /// <exception cref="ArgumentException">The channel is (or may be) plaintext and the options do not allow it.</exception>
    public static void CheckBorrowed(GrpcChannel channel, ClarifaiClientOptions options, string paramName)
    {
        if (options.AllowInsecureCredentials) return;
        switch (IsSecure(channel))
        {
            case true:
                return;
            case false:
                throw new ArgumentException(
                    $"Refusing to send the API key in plaintext over the channel to {channel.Target} (an http:// address). Use https, or set {nameof(ClarifaiClientOptions.AllowInsecureCredentials)} for a local server.",
                    paramName);
            default:
                if (string.Equals(channel.Target, options.Endpoint.Authority, StringComparison.OrdinalIgnoreCase) && options.Endpoint.Scheme == Uri.UriSchemeHttps) return;
                throw new ArgumentException(
                    $"Cannot tell whether the channel to {channel.Target} uses TLS: set {nameof(ClarifaiClientOptions.Endpoint)} to its https address, or {nameof(ClarifaiClientOptions.AllowInsecureCredentials)} for a local server.",
                    paramName);
        }
    }
}
