using Clarifai.Api;
using Google.Protobuf.WellKnownTypes;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// A model the local server ships ready to use in the app <c>clarifai/main</c>, as Clarifai's own models are: no
/// training, addressed as <c>https://clarifai.com/clarifai/main/models/{id}</c>. Each stands in for a kind of model
/// (image recognition, text embedding, an LLM) with a small deterministic rule, so tests can assert its answers.
/// </summary>
internal abstract class BuiltInModel
{
    /// <summary>The user that owns the built-in models.</summary>
    public const string OwnerUserId = "clarifai";

    /// <summary>The app that holds them.</summary>
    public const string OwnerAppId = "main";

    /// <summary>Every built-in model.</summary>
    public static readonly IReadOnlyList<BuiltInModel> All = [new ColorRecognitionModel(), new TextEmbeddingModel(), new EchoLlmModel(), new ChatModel("echo-chat", openAiTransport: true), new ChatModel("llm-chat", openAiTransport: false), new ImageConceptsModel()];

    public abstract string Id { get; }

    public abstract string ModelTypeId { get; }

    public abstract string Description { get; }

    /// <summary>The version every built-in model has.</summary>
    public string VersionId => Id + "-v1";

    /// <summary>The stored model, trained, in <c>clarifai/main</c>.</summary>
    public StoredModel ToStoredModel()
    {
        var created = Timestamp.FromDateTime(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var proto = new Model { Id = Id, UserId = OwnerUserId, AppId = OwnerAppId, ModelTypeId = ModelTypeId, Description = Description, CreatedAt = created };
        var model = new StoredModel(proto, [], conceptsMutuallyExclusive: false, closedEnvironment: false) { BuiltIn = this };
        var version = new ModelVersion { Id = VersionId, UserId = OwnerUserId, AppId = OwnerAppId, CreatedAt = created, Status = Statuses.Of(StatusCode.ModelTrained) };
        if (this is SignatureModel current) version.MethodSignatures.Add(current.Signatures);
        model.Versions.Add(new StoredModelVersion(version));
        return model;
    }

    /// <summary>Answers one input: the output's data and token counts, or why the input cannot be answered.</summary>
    public abstract Task<ModelAnswer> PredictAsync(Input input, Struct parameters, ImageFetcher fetcher, CancellationToken cancellationToken);

    /// <summary>Answers one input in chunks (GenerateModelOutputs, StreamModelOutputs); by default one chunk.</summary>
    public virtual async IAsyncEnumerable<ModelAnswer> GenerateAsync(Input input, Struct parameters, ImageFetcher fetcher, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return await PredictAsync(input, parameters, fetcher, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The text of an input: its own, or its text parts joined; <see langword="null"/> when it has none.</summary>
    protected static string? TextOf(Input input)
    {
        if (input.Data?.Text is { Raw.Length: > 0 } text) return text.Raw;
        var parts = input.Data?.Parts.Select(p => p.Data?.Text?.Raw).Where(t => !string.IsNullOrEmpty(t)).ToList();
        return parts is { Count: > 0 } ? string.Join("\n", parts) : null;
    }
}
