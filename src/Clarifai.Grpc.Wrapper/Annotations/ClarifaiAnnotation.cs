using System.Collections.Immutable;
using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Annotations;

/// <summary>A label on an input: concepts for the whole input, or regions (a box with its concepts).</summary>
public sealed class ClarifaiAnnotation
{
    /// <summary>Creates the typed view of an annotation message.</summary>
    /// <param name="proto">The annotation as the API returned it.</param>
    public ClarifaiAnnotation(Annotation proto)
    {
        ArgumentNullException.ThrowIfNull(proto);
        Proto = proto;
        Concepts = ConceptValue.Sorted(proto.Data);
        Regions = proto.Data is not { Regions.Count: > 0 } ? [] : [.. proto.Data.Regions.Select(PredictedRegion.FromProto)];
    }

    /// <summary>The annotation's id.</summary>
    public string Id => Proto.Id;

    /// <summary>The input it labels.</summary>
    public string InputId => Proto.InputId;

    /// <summary>The concepts on the whole input, highest value first.</summary>
    public ImmutableArray<ConceptValue> Concepts { get; }

    /// <summary>The regions, each with its box and concepts.</summary>
    public ImmutableArray<PredictedRegion> Regions { get; }

    /// <summary>Its status (24150 ANNOTATION_SUCCESS when accepted).</summary>
    public ClarifaiStatus Status => ClarifaiStatus.FromProto(Proto.Status);

    /// <summary>When it was created.</summary>
    public DateTimeOffset? CreatedAt => Proto.CreatedAt?.ToDateTimeOffset();

    /// <summary>The annotation as the API returned it.</summary>
    public Annotation Proto { get; }

    /// <inheritdoc />
    public override string ToString() => $"Annotation {Id} on input {InputId}";
}
