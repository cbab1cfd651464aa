namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The Clarifai API as a resource of an app host: what a service's <c>AddClarifaiClient(name)</c> connects to. Its
/// connection string is <c>Endpoint=…;ApiKey=…;UserId=…;AppId=…</c> (the last two when set). By default it points at
/// the real API with the key of a secret parameter; after <c>RunAsEmulator()</c> it points at the local server its
/// <see cref="Emulator"/> child runs, with that server's generated token and always an app (<c>WithApp</c>'s, else
/// <c>emulator-user/emulator-app</c>).
/// </summary>
public sealed class ClarifaiResource : Resource, IResourceWithConnectionString, IResourceWithWaitSupport
{
    /// <summary>The real API's endpoint, the default.</summary>
    public static readonly Uri DefaultEndpoint = new("https://api.clarifai.com");

    private readonly ParameterResource _apiKey;

    /// <summary>Creates the resource.</summary>
    /// <param name="name">The resource's name, which is also the connection string's name.</param>
    /// <param name="apiKey">The parameter holding the key (a personal access token or an app key) for the real API.</param>
    public ClarifaiResource(string name, ParameterResource apiKey)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        _apiKey = apiKey;
    }

    /// <summary>The key the connection string carries: the API key parameter, or the emulator's token when it runs.</summary>
    public ParameterResource ApiKey => Emulator?.PersonalAccessToken ?? _apiKey;

    /// <summary>The real API's endpoint (<see cref="DefaultEndpoint"/> unless changed); not used when the emulator runs.</summary>
    public Uri Endpoint { get; internal set; } = DefaultEndpoint;

    /// <summary>The user whose app calls act on, when set.</summary>
    public string? UserId { get; internal set; }

    /// <summary>The app calls act on, when set.</summary>
    public string? AppId { get; internal set; }

    /// <summary>The local server run in the API's place, after <c>RunAsEmulator()</c>; otherwise <see langword="null"/>.</summary>
    public ClarifaiEmulatorResource? Emulator { get; internal set; }

    /// <summary>Whether <see cref="ApiKey"/>'s parameter was made by <c>AddClarifai</c> (and can go when the emulator replaces the API).</summary>
    internal bool OwnsApiKeyParameter { get; init; }

    /// <inheritdoc />
    public ReferenceExpression ConnectionStringExpression
    {
        get
        {
            var builder = new ReferenceExpressionBuilder();
            if (Emulator is { } emulator)
            {
                // Always an app with the emulator (the one its app key is bound to), so that a token works out of the box.
                builder.Append($"Endpoint={emulator.GrpcEndpoint};ApiKey={emulator.PersonalAccessToken};UserId={emulator.UserId};AppId={emulator.AppId}");
                return builder.Build();
            }

            builder.Append($"Endpoint={Endpoint.AbsoluteUri.TrimEnd('/')};ApiKey={_apiKey}");
            if (UserId is not null) builder.Append($";UserId={UserId}");
            if (AppId is not null) builder.Append($";AppId={AppId}");
            return builder.Build();
        }
    }
}
