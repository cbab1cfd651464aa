namespace Clarifai.Grpc.Wrapper.Pipeline;

/// <summary>A response that opens a stream: the logical call goes on after the layers return it, so its telemetry is handed over, not ended.</summary>
internal interface IStreamOpening
{
    /// <summary>Takes the call's telemetry, which the stream ends when it ends.</summary>
    void ContinueWith(StreamCallTelemetry telemetry);
}
