using System.Collections.Immutable;

namespace Clarifai.Grpc.Wrapper.Predictions;

/// <summary>One sampled frame of a video prediction: its number, its time, and its concepts (highest first).</summary>
/// <param name="Number">The frame's number in the sampling.</param>
/// <param name="Time">Where in the video the frame is.</param>
/// <param name="Concepts">What the frame shows, highest first.</param>
public sealed record PredictedFrame(int Number, TimeSpan Time, ImmutableArray<ConceptValue> Concepts)
{
    internal static PredictedFrame FromProto(Clarifai.Api.Frame frame) =>
        new((int)(frame.FrameInfo?.Number ?? 0), TimeSpan.FromMilliseconds(frame.FrameInfo?.Time ?? 0), ConceptValue.Sorted(frame.Data));

    /// <summary>The frame as the API writes it (to send it to a model method).</summary>
    /// <returns>A new <see cref="Clarifai.Api.Frame"/>.</returns>
    public Clarifai.Api.Frame ToProto()
    {
        var frame = new Clarifai.Api.Frame { FrameInfo = new Clarifai.Api.FrameInfo { Number = (uint)Math.Max(0, Number), Time = (uint)Math.Clamp(Time.TotalMilliseconds, 0, uint.MaxValue) }, Data = new Clarifai.Api.Data() };
        foreach (var concept in Concepts) frame.Data.Concepts.Add(concept.ToProto());
        return frame;
    }
}
