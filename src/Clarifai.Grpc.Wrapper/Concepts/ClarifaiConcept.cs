using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Concepts;

/// <summary>A concept of an app: its id, its display name, and when it was created.</summary>
public sealed class ClarifaiConcept
{
    /// <summary>Wraps a concept message (for example one from <see cref="ClarifaiClient.Api"/>).</summary>
    /// <param name="proto">The concept.</param>
    public ClarifaiConcept(Concept proto)
    {
        ArgumentNullException.ThrowIfNull(proto);
        Proto = proto;
    }

    /// <summary>The concept's id, as inputs and models refer to it.</summary>
    public string Id => Proto.Id;

    /// <summary>The display name; the id when none was given.</summary>
    public string Name => Proto.Name.Length > 0 ? Proto.Name : Proto.Id;

    /// <summary>When the concept was created, if the server said.</summary>
    public DateTimeOffset? CreatedAt => Proto.CreatedAt?.ToDateTimeOffset();

    /// <summary>The message as the API returned it.</summary>
    public Concept Proto { get; }

    /// <inheritdoc />
    public override string ToString() => Name == Id ? $"Concept {Id}" : $"Concept {Id} ({Name})";
}
