namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>A snapshot of an upload, reported through <see cref="IProgress{T}"/> as batches complete.</summary>
/// <param name="Queued">Inputs read from the source and waiting for a request.</param>
/// <param name="InFlight">Inputs in requests that have not answered yet.</param>
/// <param name="Succeeded">Inputs Clarifai has.</param>
/// <param name="Failed">Inputs that failed for good.</param>
/// <param name="Retried">Times an input was sent again.</param>
/// <param name="Bytes">Encoded bytes of the inputs that succeeded.</param>
/// <param name="Elapsed">Time since the upload started.</param>
public sealed record UploadProgress(long Queued, long InFlight, long Succeeded, long Failed, long Retried, long Bytes, TimeSpan Elapsed)
{
    /// <summary>Succeeded inputs per second so far.</summary>
    public double InputsPerSecond => Elapsed > TimeSpan.Zero ? Succeeded / Elapsed.TotalSeconds : 0;
}
