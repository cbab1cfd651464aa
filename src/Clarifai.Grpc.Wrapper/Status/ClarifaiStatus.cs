using StatusCode = Clarifai.Api.Status.StatusCode;
using StatusProto = Clarifai.Api.Status.Status;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// The status Clarifai put into a response (or into one item of a batch response): the code, its description and
/// details, and the id of the request that produced it.
/// </summary>
/// <param name="Code">The Clarifai status code, for example <see cref="StatusCode.Success"/> (10000).</param>
/// <param name="Description">Clarifai's short description of the code.</param>
/// <param name="Details">Clarifai's details for this particular request, if any.</param>
/// <param name="RequestId">The <c>req_id</c> Clarifai assigned to the request; quote it when asking Clarifai for support.</param>
public sealed record ClarifaiStatus(StatusCode Code, string Description, string Details, string RequestId)
{
    /// <summary>Whether the code is <see cref="StatusCode.Success"/> (10000).</summary>
    public bool IsSuccess => Code == StatusCode.Success;

    /// <summary>
    /// The protobuf name of <see cref="Code"/>, for example <c>MIXED_STATUS</c>. Where several names share a number
    /// (<c>INPUT_DOWNLOAD_SUCCESS</c> is an alias of <c>INPUT_SUCCESS</c>), this is the first one the proto declares;
    /// <see cref="Enum.ToString()"/> is not reliable for such aliases.
    /// </summary>
    public string CodeName => NameOf(Code);

    /// <summary>Creates a status from the protobuf message; a missing message reads as code 0 (<c>ZERO</c>).</summary>
    /// <param name="status">The status of a response, or <see langword="null"/>.</param>
    /// <returns>The status.</returns>
    public static ClarifaiStatus FromProto(StatusProto? status) =>
        status is null
            ? new ClarifaiStatus(StatusCode.Zero, string.Empty, string.Empty, string.Empty)
            : new ClarifaiStatus(status.Code, status.Description, status.Details, status.ReqId);

    /// <summary>The protobuf name of a status code, or its number when the pinned API does not know it.</summary>
    /// <param name="code">A status code.</param>
    /// <returns>For example <c>MODEL_TRAINED</c>.</returns>
    public static string NameOf(StatusCode code) =>
        StatusCodeNames.Of(code) ?? ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string ToString()
    {
        var text = $"{(int)Code} {CodeName}";
        if (Description.Length > 0) text += $": {Description}";
        if (Details.Length > 0) text += $" ({Details})";
        if (RequestId.Length > 0) text += $" [req_id {RequestId}]";
        return text;
    }
}
