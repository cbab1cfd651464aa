using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Tests.Support;

/// <summary>Which field of a Data message is set, for assertions.</summary>
internal static class DataCaseExtensions
{
    public static string DataCase(this Data data) => data.Image is not null ? "image" : data.Text is not null ? "text" : data.Audio is not null ? "audio" : data.Video is not null ? "video" : "none";
}
