namespace Clarifai.Grpc.Wrapper.Predictions;

/// <summary>A region's bounding box, as fractions of the image's height (rows) and width (columns), 0 to 1.</summary>
/// <param name="Top">The top row.</param>
/// <param name="Left">The left column.</param>
/// <param name="Bottom">The bottom row.</param>
/// <param name="Right">The right column.</param>
public sealed record RegionBox(float Top, float Left, float Bottom, float Right);
