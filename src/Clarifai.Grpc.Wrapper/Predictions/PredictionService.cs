using System.Collections.Immutable;
using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper;

/// <summary>Predicts with a model (PostModelOutputs). Reach it through <see cref="ClarifaiClient.Predictions"/>.</summary>
public class PredictionService
{
    /// <summary>The most inputs Clarifai takes in one PostModelOutputs request.</summary>
    public const int MaxInputsPerRequest = ClarifaiLimits.MaxInputsPerRequest;

    private readonly ClarifaiCallExecutor _executor = null!;

    internal PredictionService(ClarifaiCallExecutor executor) => _executor = executor;

    /// <summary>For mocking only.</summary>
    protected PredictionService()
    {
    }

    /// <summary>Predicts the concepts of one image.</summary>
    /// <param name="modelId">The model's id.</param>
    /// <param name="image">The image.</param>
    /// <param name="modelVersionId">The version to use; the latest when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The prediction, concepts highest first.</returns>
    /// <exception cref="ArgumentException">The model id is empty or invalid, or the image is null.</exception>
    /// <exception cref="ClarifaiException">The prediction failed; the code says why.</exception>
    public virtual Task<Prediction> PredictAsync(string modelId, ImageSource image, string? modelVersionId = null, CancellationToken cancellationToken = default) =>
        PredictAsync(modelId, image, modelVersionId, callSettings: null, cancellationToken);

    /// <summary>Predicts the concepts of one image.</summary>
    /// <param name="modelId">The model's id.</param>
    /// <param name="image">The image.</param>
    /// <param name="modelVersionId">The version to use; the latest when <see langword="null"/>.</param>
    /// <param name="callSettings">This call's settings over the client's (timeout, retry, headers, user and app), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The prediction, concepts highest first.</returns>
    /// <exception cref="ArgumentException">The model id is empty or invalid, or the image is null.</exception>
    /// <exception cref="ClarifaiException">The prediction failed; the code says why.</exception>
    public virtual async Task<Prediction> PredictAsync(string modelId, ImageSource image, string? modelVersionId, CallSettings? callSettings, CancellationToken cancellationToken = default)
    {
        ModelService.CheckModelId(modelId);
        ArgumentNullException.ThrowIfNull(image);
        var request = NewRequest(modelId, modelVersionId);
        request.Inputs.Add(image.ToProto());
        var response = await _executor.CallAsync(ClarifaiRpcs.PostModelOutputs, request, cancellationToken, settings: callSettings, check: SingleSuccessfulOutput).ConfigureAwait(false);
        return new Prediction(response.Outputs[0]);
    }

    /// <summary>
    /// Predicts the concepts of up to <see cref="MaxInputsPerRequest"/> images in one call. More are refused, not split.
    /// </summary>
    /// <param name="modelId">The model's id.</param>
    /// <param name="images">1 to 128 images.</param>
    /// <param name="modelVersionId">The version to use; the latest when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// One prediction per image, in order. On a 10010 MIXED_STATUS answer, the images that failed have a
    /// <see cref="Prediction.Status"/> saying why and no concepts.
    /// </returns>
    /// <exception cref="ArgumentException">The model id is invalid, or there are no images, a null one, or more than 128.</exception>
    /// <exception cref="ClarifaiException">The call failed as a whole.</exception>
    public virtual Task<IReadOnlyList<Prediction>> PredictManyAsync(string modelId, IEnumerable<ImageSource> images, string? modelVersionId = null, CancellationToken cancellationToken = default) =>
        PredictManyAsync(modelId, images, modelVersionId, callSettings: null, cancellationToken);

    /// <summary>
    /// Predicts the concepts of up to <see cref="MaxInputsPerRequest"/> images in one call. More are refused, not split.
    /// </summary>
    /// <param name="modelId">The model's id.</param>
    /// <param name="images">1 to 128 images.</param>
    /// <param name="modelVersionId">The version to use; the latest when <see langword="null"/>.</param>
    /// <param name="callSettings">This call's settings over the client's (timeout, retry, headers, user and app), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// One prediction per image, in order. On a 10010 MIXED_STATUS answer, the images that failed have a
    /// <see cref="Prediction.Status"/> saying why and no concepts.
    /// </returns>
    /// <exception cref="ArgumentException">The model id is invalid, or there are no images, a null one, or more than 128.</exception>
    /// <exception cref="ClarifaiException">The call failed as a whole.</exception>
    public virtual async Task<IReadOnlyList<Prediction>> PredictManyAsync(string modelId, IEnumerable<ImageSource> images, string? modelVersionId, CallSettings? callSettings, CancellationToken cancellationToken = default)
    {
        ModelService.CheckModelId(modelId);
        var list = Guard.Batch(images, MaxInputsPerRequest, nameof(images));
        var request = NewRequest(modelId, modelVersionId);
        foreach (var image in list) request.Inputs.Add(image.ToProto());
        Guard.RequestSize(request, nameof(images));
        var response = await _executor.CallAsync(ClarifaiRpcs.PostModelOutputs, request, cancellationToken, settings: callSettings, check: r => OutputCountMismatch(r, list.Count)).ConfigureAwait(false);
        return response.Outputs.Select(o => new Prediction(o)).ToImmutableArray();
    }

    private static PostModelOutputsRequest NewRequest(string modelId, string? modelVersionId)
    {
        if (modelVersionId is not null) Guard.Id(modelVersionId, nameof(modelVersionId), "model version id");
        return new PostModelOutputsRequest { ModelId = modelId, VersionId = modelVersionId ?? string.Empty };
    }

    /// <summary>A single prediction must come back as one output that succeeded; its own failure is the call's.</summary>
    private static ClarifaiException? SingleSuccessfulOutput(MultiOutputResponse response) =>
        OutputCountMismatch(response, 1) ?? (response.Outputs[0].Status is { Code: not Clarifai.Api.Status.StatusCode.Success } failed
            ? ClarifaiExceptionFactory.Create(ClarifaiStatus.FromProto(failed), ClarifaiRpcs.PostModelOutputs.Name)
            : null);

    private static ClarifaiException? OutputCountMismatch(MultiOutputResponse response, int sent) =>
        response.Outputs.Count == sent
            ? null
            : new ClarifaiException(ClarifaiStatus.FromProto(response.Status) with { Details = $"{sent} images were sent but {response.Outputs.Count} outputs came back." }, ClarifaiRpcs.PostModelOutputs.Name);

    /// <summary>
    /// Predicts with a model of any app — <c>ModelRef.Parse("https://clarifai.com/clarifai/main/models/general-image-recognition")</c>
    /// — sending that app's <c>user_app_id</c> and the reference's version, if any.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="image">The image.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>; the model's app wins.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The prediction, concepts highest first.</returns>
    /// <exception cref="ArgumentException">The reference is invalid.</exception>
    /// <exception cref="ClarifaiException">Clarifai refused, or the output failed.</exception>
    public virtual Task<Prediction> PredictAsync(ModelRef model, ImageSource image, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Validate();
        return PredictAsync(model.ModelId, image, model.VersionId, model.AddressedBy(callSettings), cancellationToken);
    }

    /// <summary>Predicts up to 128 images with a model of any app (see <see cref="PredictAsync(ModelRef, ImageSource, CallSettings, CancellationToken)"/>).</summary>
    /// <param name="model">The model.</param>
    /// <param name="images">The images; 1 to 128.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>; the model's app wins.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One prediction per image, in order.</returns>
    /// <exception cref="ArgumentException">The reference is invalid, or the images are too many or none.</exception>
    /// <exception cref="ClarifaiException">The call failed as a whole.</exception>
    public virtual Task<IReadOnlyList<Prediction>> PredictManyAsync(ModelRef model, IEnumerable<ImageSource> images, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Validate();
        return PredictManyAsync(model.ModelId, images, model.VersionId, model.AddressedBy(callSettings), cancellationToken);
    }

    /// <summary>
    /// Predicts with a model of any app on any input — image, text, audio, video or multimodal — with options
    /// (concepts, thresholds, temperature, max tokens, any inference parameter). The output's concepts, regions, frames,
    /// text and embeddings are in the <see cref="Prediction"/>.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="input">The input.</param>
    /// <param name="options">How the model answers, or <see langword="null"/>.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>; the model's app wins.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The prediction.</returns>
    /// <exception cref="ArgumentException">The reference or an option is invalid.</exception>
    /// <exception cref="ClarifaiException">Clarifai refused, or the output failed.</exception>
    public virtual async Task<Prediction> PredictAsync(ModelRef model, ModelInput input, PredictionOptions? options, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = NewRequest(model, [input], options);
        var response = await _executor.CallAsync(ClarifaiRpcs.PostModelOutputs, request, cancellationToken, settings: model.AddressedBy(callSettings), check: SingleSuccessfulOutput).ConfigureAwait(false);
        return new Prediction(response.Outputs[0]);
    }

    /// <summary>Predicts up to 128 inputs of any kind with a model of any app; each output keeps its own status.</summary>
    /// <param name="model">The model.</param>
    /// <param name="inputs">The inputs; 1 to 128.</param>
    /// <param name="options">How the model answers, or <see langword="null"/>.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>; the model's app wins.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One prediction per input, in order.</returns>
    /// <exception cref="ArgumentException">The reference or an option is invalid, or the inputs are too many or none.</exception>
    /// <exception cref="ClarifaiException">The call failed as a whole.</exception>
    public virtual async Task<IReadOnlyList<Prediction>> PredictManyAsync(ModelRef model, IEnumerable<ModelInput> inputs, PredictionOptions? options, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        var list = Guard.Batch(inputs, MaxInputsPerRequest, nameof(inputs));
        var request = NewRequest(model, list, options);
        var response = await _executor.CallAsync(ClarifaiRpcs.PostModelOutputs, request, cancellationToken, settings: model.AddressedBy(callSettings), check: r => OutputCountMismatch(r, list.Count)).ConfigureAwait(false);
        return response.Outputs.Select(o => new Prediction(o)).ToImmutableArray();
    }

    private static PostModelOutputsRequest NewRequest(ModelRef model, IReadOnlyList<ModelInput> inputs, PredictionOptions? options)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Validate();
        options?.Validate();
        var request = new PostModelOutputsRequest { ModelId = model.ModelId, VersionId = model.VersionId ?? string.Empty };
        if (options is not null) request.Model = options.ToModel(model.ModelId, model.VersionId);
        foreach (var input in inputs) request.Inputs.Add(input.ToProto());
        Guard.RequestSize(request, nameof(inputs));
        return request;
    }
}
