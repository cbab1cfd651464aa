using System.Collections.Frozen;
using System.Reflection;
using Google.Protobuf.Reflection;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// The proto names of the status codes (<c>MIXED_STATUS</c> for 10010), read from the generated enum's
/// <see cref="OriginalNameAttribute"/>s rather than from the proto file's descriptor, which would be built on a
/// client's first call only for this. Where several names share a number, the first one the proto declares wins.
/// </summary>
internal static class StatusCodeNames
{
    /// <summary>Every code with its name, in the proto's order (aliases included).</summary>
    public static readonly IReadOnlyList<(StatusCode Code, string Name)> Declared = typeof(StatusCode)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .OrderBy(f => f.MetadataToken)
        .Select(f => ((StatusCode)f.GetValue(null)!, f.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? f.Name))
        .ToArray();

    private static readonly FrozenDictionary<StatusCode, string> Names = Declared
        .DistinctBy(d => d.Code)
        .ToFrozenDictionary(d => d.Code, d => d.Name);

    /// <summary>The name of <paramref name="code"/>, or null when the pinned API does not know it.</summary>
    public static string? Of(StatusCode code) => Names.GetValueOrDefault(code);
}
