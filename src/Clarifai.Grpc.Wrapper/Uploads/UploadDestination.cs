using System.Security.Cryptography;
using System.Text;

namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>How an upload's destination is named in a checkpoint's scope (<see cref="UploadCheckpointScope.Destination"/>).</summary>
internal static class UploadDestination
{
    /// <summary><c>users/{user}/apps/{app}</c>.</summary>
    public static string Of(string userId, string appId) => $"users/{userId}/apps/{appId}";

    /// <summary>
    /// The destination of a client: its user and app, or — for an app-scoped key without them, whose app only the server
    /// knows — <c>app-key/</c> and a fingerprint of the key (16 hex digits of its SHA-256: it identifies the key without
    /// revealing it).
    /// </summary>
    public static string Of(string? userId, string? appId, string apiKey) =>
        userId is not null && appId is not null ? Of(userId, appId)
        : "app-key/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)).AsSpan(0, 8));
}
