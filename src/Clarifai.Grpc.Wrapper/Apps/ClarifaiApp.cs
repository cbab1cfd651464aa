using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Apps;

/// <summary>An app: the container of inputs, concepts, models and workflows, owned by a user.</summary>
public sealed class ClarifaiApp
{
    /// <summary>Creates the typed view of an app message.</summary>
    /// <param name="proto">The app as the API returned it.</param>
    public ClarifaiApp(App proto)
    {
        ArgumentNullException.ThrowIfNull(proto);
        Proto = proto;
    }

    /// <summary>The app's id.</summary>
    public string Id => Proto.Id;

    /// <summary>The user that owns it.</summary>
    public string UserId => Proto.UserId;

    /// <summary>Its name; the API gives the id when none was set.</summary>
    public string Name => Proto.Name;

    /// <summary>Its description.</summary>
    public string Description => Proto.Description;

    /// <summary>When it was created.</summary>
    public DateTimeOffset? CreatedAt => Proto.CreatedAt?.ToDateTimeOffset();

    /// <summary>The app as the API returned it.</summary>
    public App Proto { get; }

    /// <inheritdoc />
    public override string ToString() => $"App {UserId}/{Id}";
}
