using System.Diagnostics.CodeAnalysis;

namespace Clarifai.Grpc.Wrapper.Models;

/// <summary>
/// A model of any app: its id, and optionally the user and app it belongs to and a fixed version. Built from parts, or
/// parsed from a clarifai.com model URL (<c>https://clarifai.com/{user}/{app}/models/{model}[/model-version/{version}]</c>).
/// A call on a model of another app sends that app's <c>user_app_id</c>, not the client's default.
/// </summary>
/// <param name="ModelId">The model's id.</param>
/// <param name="UserId">The owner's user id, with <paramref name="AppId"/>; <see langword="null"/> for the client's app.</param>
/// <param name="AppId">The app's id, with <paramref name="UserId"/>.</param>
/// <param name="VersionId">A fixed version, or <see langword="null"/> for the latest.</param>
public sealed record ModelRef(string ModelId, string? UserId = null, string? AppId = null, string? VersionId = null)
{
    /// <summary>Parses a clarifai.com model URL, or takes a bare model id (a model of the client's app).</summary>
    /// <param name="value">The URL or id.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="ArgumentException">The value is neither.</exception>
    public static ModelRef Parse(string value) =>
        TryParse(value, out var model) ? model : throw new ArgumentException($"'{value}' is neither a model id nor a clarifai.com model URL (https://clarifai.com/{{user}}/{{app}}/models/{{model}}).", nameof(value));

    /// <summary>Parses a clarifai.com model URL or a bare model id, without throwing.</summary>
    /// <param name="value">The URL or id.</param>
    /// <param name="model">The reference, when the value is one.</param>
    /// <returns>Whether the value is a reference.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out ModelRef? model)
    {
        model = null;
        if (string.IsNullOrWhiteSpace(value)) return false;
        if (Guard.IsValidId(value))
        {
            model = new ModelRef(value);
            return true;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps
            || !(uri.Host.Equals("clarifai.com", StringComparison.OrdinalIgnoreCase) || uri.Host.Equals("www.clarifai.com", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var parts = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var versioned = parts.Length == 6 && parts[4] is "model-version" or "versions";
        if ((parts.Length != 4 && !versioned) || parts[2] != "models" || !parts.Take(4).Where((_, i) => i != 2).All(Guard.IsValidId) || (versioned && !Guard.IsValidId(parts[5])))
        {
            return false;
        }

        model = new ModelRef(parts[3], parts[0], parts[1], versioned ? parts[5] : null);
        return true;
    }

    /// <summary>A model of the client's app, by id (so that <c>"pets"</c> can be passed where a reference is expected).</summary>
    /// <param name="modelId">The id.</param>
    public static implicit operator ModelRef(string modelId) => new(modelId);

    /// <summary>The same model, fixed to a version.</summary>
    /// <param name="versionId">The version's id.</param>
    /// <returns>A new reference.</returns>
    public ModelRef AtVersion(string versionId) => this with { VersionId = Guard.Id(versionId, nameof(versionId), "model version id") };

    /// <summary>Checks the ids; user and app go together.</summary>
    /// <exception cref="ArgumentException">An id breaks the id rule, or only one of user and app is set.</exception>
    public void Validate()
    {
        Guard.Id(ModelId, nameof(ModelId), "model id");
        if ((UserId is null) != (AppId is null)) throw new ArgumentException("A model reference names both its user and its app, or neither.", nameof(UserId));
        if (UserId is not null) Guard.Id(UserId, nameof(UserId), "user id");
        if (AppId is not null) Guard.Id(AppId, nameof(AppId), "app id");
        if (VersionId is not null) Guard.Id(VersionId, nameof(VersionId), "model version id");
    }

    /// <summary>The call settings that address the model's app, merged over <paramref name="settings"/>.</summary>
    internal CallSettings? AddressedBy(CallSettings? settings) =>
        UserId is null ? settings : (settings ?? new CallSettings()).MergedWith(new CallSettings { UserId = UserId, AppId = AppId });

    /// <inheritdoc />
    public override string ToString() =>
        (UserId is null ? ModelId : $"https://clarifai.com/{UserId}/{AppId}/models/{ModelId}") + (VersionId is null ? string.Empty : $" (version {VersionId})");
}
