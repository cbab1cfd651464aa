using System.Collections.Immutable;

namespace Clarifai.Grpc.Wrapper.Predictions;

/// <summary>A region a detection model found: its id, box (when it has one), confidence, and concepts (highest first).</summary>
/// <param name="Id">The region's id.</param>
/// <param name="Box">The bounding box, or <see langword="null"/> for regions without one (masks, spans).</param>
/// <param name="Value">The detection's confidence.</param>
/// <param name="Concepts">What the region shows, highest first.</param>
public sealed record PredictedRegion(string Id, RegionBox? Box, float Value, ImmutableArray<ConceptValue> Concepts)
{
    internal static PredictedRegion FromProto(Clarifai.Api.Region region) => new(
        region.Id,
        region.RegionInfo?.BoundingBox is { } b ? new RegionBox(b.TopRow, b.LeftCol, b.BottomRow, b.RightCol) : null,
        region.Value,
        ConceptValue.Sorted(region.Data));

    /// <summary>The region as the API writes it (to send it to a model method).</summary>
    /// <returns>A new <see cref="Clarifai.Api.Region"/>.</returns>
    public Clarifai.Api.Region ToProto()
    {
        var region = new Clarifai.Api.Region { Id = Id, Value = Value, Data = new Clarifai.Api.Data() };
        if (Box is { } box) region.RegionInfo = new Clarifai.Api.RegionInfo { BoundingBox = new Clarifai.Api.BoundingBox { TopRow = box.Top, LeftCol = box.Left, BottomRow = box.Bottom, RightCol = box.Right } };
        foreach (var concept in Concepts) region.Data.Concepts.Add(concept.ToProto());
        return region;
    }
}
