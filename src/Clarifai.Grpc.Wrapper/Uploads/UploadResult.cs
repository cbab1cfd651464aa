namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>Whether all, some or none of an upload's inputs succeeded.</summary>
public enum UploadResult
{
    /// <summary>Every input succeeded (also when the source was empty).</summary>
    All,

    /// <summary>Some inputs succeeded, some did not.</summary>
    Some,

    /// <summary>No input succeeded.</summary>
    None,
}
