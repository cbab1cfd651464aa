using Clarifai.Api;
using Grpc.Core;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Emulator;

/// <summary>PostModelOutputs.</summary>
internal sealed partial class EmulatedV2Service
{
    public override async Task<MultiOutputResponse> PostModelOutputs(PostModelOutputsRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        if (CheckInputCount(request.Inputs.Count) is { } refused) return new MultiOutputResponse { Status = refused };

        var (modelInfo, classifier, refusal) = Predictor(app, request.ModelId, request.VersionId);
        if (refusal is not null) return new MultiOutputResponse { Status = refusal };

        var response = new MultiOutputResponse();
        var succeeded = 0;
        foreach (var input in request.Inputs)
        {
            var output = await PredictOneAsync(input, modelInfo, classifier, context.CancellationToken).ConfigureAwait(false);
            if (output.Status.Code == StatusCode.Success) succeeded++;
            response.Outputs.Add(output);
        }

        response.Status = Statuses.ForBatch(succeeded, request.Inputs.Count);
        return response;
    }

    /// <summary>The trained version of a model to predict with (the one asked for, or the latest trained), or why there is none.</summary>
    private static (Model Info, ConceptClassifier Classifier, Clarifai.Api.Status.Status? Refusal) Predictor(AppData app, string modelId, string versionId)
    {
        lock (app.Gate)
        {
            if (!app.Models.TryGetValue(modelId, out var model))
            {
                return (null!, null!, Statuses.Of(StatusCode.ModelDoesNotExist, $"No model with id '{modelId}'"));
            }

            var version = versionId.Length > 0
                ? model.Versions.FirstOrDefault(v => v.Id == versionId)
                : model.Versions.LastOrDefault(v => v.Classifier is not null);
            if (version is null && versionId.Length > 0)
            {
                return (null!, null!, Statuses.Of(StatusCode.ModelDoesNotExist, $"Model '{modelId}' has no version '{versionId}'"));
            }

            if (version?.Classifier is null)
            {
                return (null!, null!, Statuses.Of(StatusCode.ModelUntrained, $"Model '{modelId}' has no trained version to predict with"));
            }

            return (Describe(model, version), version.Classifier, null);
        }
    }

    private async Task<Output> PredictOneAsync(Input input, Model model, ConceptClassifier classifier, CancellationToken cancellationToken)
    {
        var echoed = input.Clone();
        if (echoed.Data?.Image is { } echoedImage) echoedImage.Base64 = Google.Protobuf.ByteString.Empty;
        var output = new Output { Id = NewId(), CreatedAt = Now(), Model = model, Input = echoed };

        var image = input.Data?.Image;
        byte[]? content = image is { Base64.IsEmpty: false } ? image.Base64.ToByteArray() : null;
        string? error = image is null ? "The input has no image" : null;
        if (content is null && image is { Url.Length: > 0 }) (content, error) = await _fetcher.FetchAsync(image.Url, cancellationToken).ConfigureAwait(false);

        float[]? features = null;
        if (content is not null) (features, error) = await ImageFeatures.ExtractAsync(content, cancellationToken).ConfigureAwait(false);
        if (features is null)
        {
            output.Status = Statuses.Of(StatusCode.InputFailed, error ?? "The content could not be decoded as an image");
            return output;
        }

        output.Status = Statuses.Of(StatusCode.Success);
        output.Data = new Data();
        foreach (var (concept, value) in classifier.Predict(features))
        {
            output.Data.Concepts.Add(new Concept { Id = concept, Name = concept, Value = value, AppId = model.AppId });
        }

        return output;
    }
}
