using System.Collections.Immutable;
using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Inputs;

/// <summary>An input as Clarifai holds it: its id, processing state and status, image URL and concepts.</summary>
public sealed class ClarifaiInput
{
    /// <summary>Creates the typed view of an input message.</summary>
    /// <param name="proto">The input as the API returned it.</param>
    public ClarifaiInput(Input proto)
    {
        ArgumentNullException.ThrowIfNull(proto);
        Proto = proto;
        Status = ClarifaiStatus.FromProto(proto.Status);
        State = ClarifaiStatusCodes.ToInputState(Status.Code);
        Concepts = proto.Data?.Concepts.Select(ConceptValue.FromProto).ToImmutableArray() ?? [];
    }

    /// <summary>The input id.</summary>
    public string Id => Proto.Id;

    /// <summary>The processing state, from <see cref="Status"/>.</summary>
    public InputState State { get; }

    /// <summary>The input's own status (30000 processed, 30001 pending, 30100 duplicate, …).</summary>
    public ClarifaiStatus Status { get; }

    /// <summary>
    /// Whether the input failed: 30002, a per-input failure such as 30100 duplicate URL, or any other error code that
    /// is not an input state.
    /// </summary>
    public bool IsFailed => IsFailure(Status.Code);

    /// <summary>The rule behind <see cref="IsFailed"/>, for callers that have only the code (the uploader, per input).</summary>
    internal static bool IsFailure(Clarifai.Api.Status.StatusCode code) => ClarifaiStatusCodes.ToInputState(code) switch
    {
        InputState.Failed => true,
        InputState.Unknown => code is not (Clarifai.Api.Status.StatusCode.Zero or Clarifai.Api.Status.StatusCode.Success),
        _ => false,
    };

    /// <summary>The image URL, if the input has one.</summary>
    public string? ImageUrl => string.IsNullOrEmpty(Proto.Data?.Image?.Url) ? null : Proto.Data.Image.Url;

    /// <summary>The concepts on the input: value 1 positive, 0 negative.</summary>
    public ImmutableArray<ConceptValue> Concepts { get; }

    /// <summary>When the input was created, if the API said.</summary>
    public DateTimeOffset? CreatedAt => Proto.CreatedAt?.ToDateTimeOffset();

    /// <summary>The message as the API returned it, for fields this view does not lift.</summary>
    public Input Proto { get; }

    /// <inheritdoc />
    public override string ToString() => $"Input {Id}: {State} ({Status})";
}
