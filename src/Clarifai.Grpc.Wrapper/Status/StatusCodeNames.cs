using System.Collections.Frozen;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// The proto names of the status codes (<c>MIXED_STATUS</c> for 10010), from the table build/MessageAccessors writes
/// from the generated enum's <c>OriginalName</c> attributes in declaration order — not from the proto file's
/// descriptor, which would be built on a client's first call only for this, nor by reflection over the enum's fields
/// (their order by metadata token, which Native AOT does not keep). Where several names share a number, the first one
/// the proto declares wins.
/// </summary>
internal static class StatusCodeNames
{
    /// <summary>Every code with its name, in the proto's order (aliases included).</summary>
    public static readonly IReadOnlyList<(StatusCode Code, string Name)> Declared = Clarifai.Api.Accessors.MessageAccessors.StatusCodes;

    private static readonly FrozenDictionary<StatusCode, string> Names = Declared
        .DistinctBy(d => d.Code)
        .ToFrozenDictionary(d => d.Code, d => d.Name);

    /// <summary>The name of <paramref name="code"/>, or null when the pinned API does not know it.</summary>
    public static string? Of(StatusCode code) => Names.GetValueOrDefault(code);
}
