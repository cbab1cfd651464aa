using Clarifai.Api;
using Grpc.Core;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Emulator;

/// <summary>PostModelOutputs, GenerateModelOutputs (server streaming) and StreamModelOutputs (bidirectional).</summary>
internal sealed partial class EmulatedV2Service
{
    public override async Task<MultiOutputResponse> PostModelOutputs(PostModelOutputsRequest request, ServerCallContext context) =>
        _sink ? SinkAnswer(request) : await PredictAsync(AppOf(context), request, context.CancellationToken).ConfigureAwait(false);

    /// <summary>Streams each input's answer in chunks: an LLM one word per message, other models one message per input.</summary>
    public override async Task GenerateModelOutputs(PostModelOutputsRequest request, IServerStreamWriter<MultiOutputResponse> responseStream, ServerCallContext context)
    {
        var app = AppOf(context);
        if (CheckInputCount(request.Inputs.Count) is { } refused)
        {
            await responseStream.WriteAsync(new MultiOutputResponse { Status = refused }).ConfigureAwait(false);
            return;
        }

        var (runner, refusal) = Predictor(ModelOwner(app, request.ModelId, out var generateId), generateId, request.VersionId);
        if (refusal is not null)
        {
            await responseStream.WriteAsync(new MultiOutputResponse { Status = refusal }).ConfigureAwait(false);
            return;
        }

        runner = runner!.With(request.Model);
        if (runner.BuiltIn is SignatureModel model)
        {
            await foreach (var (answer, status) in _methods.GenerateAsync(model, request, context.CancellationToken).ConfigureAwait(false))
            {
                var response = new MultiOutputResponse { Status = status };
                if (answer is not null) response.Outputs.Add(OutputOf(request.Inputs[0], runner, answer));
                await responseStream.WriteAsync(response).ConfigureAwait(false);
            }

            return;
        }

        foreach (var input in request.Inputs)
        {
            await foreach (var output in GenerateOneAsync(input, runner, context.CancellationToken).ConfigureAwait(false))
            {
                var failed = output.Status.Code != StatusCode.Success;
                await responseStream.WriteAsync(new MultiOutputResponse { Status = failed ? Statuses.Of(StatusCode.Failure, output.Status.Details) : Statuses.Of(StatusCode.Success), Outputs = { output } }).ConfigureAwait(false);
                if (failed) return;
            }
        }
    }

    /// <summary>Answers each request of the stream as PostModelOutputs would, in order; each request is resolved to its app on its own.</summary>
    public override async Task StreamModelOutputs(IAsyncStreamReader<PostModelOutputsRequest> requestStream, IServerStreamWriter<MultiOutputResponse> responseStream, ServerCallContext context)
    {
        if (!await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false)) return;

        // A model of the current kind takes the whole stream as one call of a stream method.
        var first = requestStream.Current;
        if (_tenants.Resolve(CallState.AppKeyOf(context), first.UserAppId, out var firstApp) is null
            && Predictor(ModelOwner(firstApp!, first.ModelId, out var streamId), streamId, first.VersionId) is ({ BuiltIn: SignatureModel model } runner, null))
        {
            await foreach (var (answer, status) in _methods.StreamAsync(model, first, requestStream, context.CancellationToken).ConfigureAwait(false))
            {
                var response = new MultiOutputResponse { Status = status };
                if (answer is not null) response.Outputs.Add(OutputOf(first.Inputs[0], runner, answer));
                response.Status.ReqId = RequestIdInterceptor.NewId();
                await responseStream.WriteAsync(response).ConfigureAwait(false);
            }

            return;
        }

        await foreach (var request in Prepended(first, requestStream, context.CancellationToken).ConfigureAwait(false))
        {
            if (_tenants.Resolve(CallState.AppKeyOf(context), request.UserAppId, out var app) is { } refused)
            {
                await responseStream.WriteAsync(new MultiOutputResponse { Status = refused }).ConfigureAwait(false);
                continue;
            }

            var response = await PredictAsync(app!, request, context.CancellationToken).ConfigureAwait(false);
            response.Status.ReqId = RequestIdInterceptor.NewId();
            await responseStream.WriteAsync(response).ConfigureAwait(false);
        }
    }

    private static async IAsyncEnumerable<PostModelOutputsRequest> Prepended(PostModelOutputsRequest first, IAsyncStreamReader<PostModelOutputsRequest> rest, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return first;
        await foreach (var request in rest.ReadAllAsync(cancellationToken).ConfigureAwait(false)) yield return request;
    }

    private async Task<MultiOutputResponse> PredictAsync(AppData app, PostModelOutputsRequest request, CancellationToken cancellationToken)
    {
        if (CheckInputCount(request.Inputs.Count) is { } refused) return new MultiOutputResponse { Status = refused };

        var (runner, refusal) = Predictor(ModelOwner(app, request.ModelId, out var modelId), modelId, request.VersionId);
        if (refusal is not null) return new MultiOutputResponse { Status = refusal };

        runner = runner!.With(request.Model);
        if (runner.BuiltIn is SignatureModel model)
        {
            var (answers, status) = await _methods.PredictAsync(model, request, cancellationToken).ConfigureAwait(false);
            var answered = new MultiOutputResponse { Status = status };
            for (var i = 0; answers is not null && i < answers.Count; i++) answered.Outputs.Add(OutputOf(request.Inputs[i], runner, answers[i]));
            return answered;
        }

        var response = new MultiOutputResponse();
        var succeeded = 0;
        foreach (var input in request.Inputs)
        {
            var output = await PredictOneAsync(input, runner, cancellationToken).ConfigureAwait(false);
            if (output.Status.Code == StatusCode.Success) succeeded++;
            response.Outputs.Add(output);
        }

        response.Status = Statuses.ForBatch(succeeded, request.Inputs.Count);
        return response;
    }

    /// <summary>The model version to predict with (the one asked for, or the latest trained), or why there is none.</summary>
    private static (ModelRunner? Runner, Clarifai.Api.Status.Status? Refusal) Predictor(AppData app, string modelId, string versionId)
    {
        lock (app.Gate)
        {
            if (!app.Models.TryGetValue(modelId, out var model))
            {
                return (null, Statuses.Of(StatusCode.ModelDoesNotExist, $"No model with id '{modelId}'"));
            }

            var version = versionId.Length > 0
                ? model.Versions.FirstOrDefault(v => v.Id == versionId)
                : model.Versions.LastOrDefault(v => v.Classifier is not null || model.BuiltIn is not null);
            if (version is null && versionId.Length > 0)
            {
                return (null, Statuses.Of(StatusCode.ModelDoesNotExist, $"Model '{modelId}' has no version '{versionId}'"));
            }

            if (version is null || (version.Classifier is null && model.BuiltIn is null))
            {
                return (null, Statuses.Of(StatusCode.ModelUntrained, $"Model '{modelId}' has no trained version to predict with"));
            }

            return (new ModelRunner(Describe(model, version), model.BuiltIn, version.Classifier, model.TakesText), null);
        }
    }

    private async Task<Output> PredictOneAsync(Input input, ModelRunner runner, CancellationToken cancellationToken)
    {
        if (runner.BuiltIn is { } builtIn)
        {
            return OutputOf(input, runner, await builtIn.PredictAsync(input, runner.Parameters, _fetcher, cancellationToken).ConfigureAwait(false));
        }

        var (features, error) = runner.TakesText
            ? await InputFeatures.TextAsync(input, _fetcher, cancellationToken).ConfigureAwait(false)
            : await InputFeatures.ImageAsync(input, _fetcher, cancellationToken).ConfigureAwait(false);
        if (features is null) return OutputOf(input, runner, ModelAnswer.Failed(error ?? "The content could not be read"));

        var data = new Data();
        foreach (var (concept, value) in runner.Classifier!.Predict(features))
        {
            data.Concepts.Add(new Concept { Id = concept, Name = concept, Value = value, AppId = runner.Info.AppId });
        }

        return OutputOf(input, runner, new ModelAnswer(data));
    }

    private async IAsyncEnumerable<Output> GenerateOneAsync(Input input, ModelRunner runner, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (runner.BuiltIn is null)
        {
            yield return await PredictOneAsync(input, runner, cancellationToken).ConfigureAwait(false);
            yield break;
        }

        await foreach (var answer in runner.BuiltIn.GenerateAsync(input, runner.Parameters, _fetcher, cancellationToken).ConfigureAwait(false))
        {
            yield return OutputOf(input, runner, answer);
        }
    }

    /// <summary>The output message for one answer: the input echoed without its bytes, the model, the data or the failure.</summary>
    private Output OutputOf(Input input, ModelRunner runner, ModelAnswer answer)
    {
        var echoed = input.Clone();
        if (echoed.Data?.Image is { } echoedImage) echoedImage.Base64 = Google.Protobuf.ByteString.Empty;
        var output = new Output { Id = NewId(), CreatedAt = Now(), Model = runner.Info, Input = echoed, PromptTokens = answer.PromptTokens, CompletionTokens = answer.CompletionTokens };
        if (answer.Data is null)
        {
            output.Status = Statuses.Of(StatusCode.InputFailed, answer.Error ?? "The input could not be answered");
            return output;
        }

        output.Status = Statuses.Of(StatusCode.Success);
        output.Data = answer.Data;
        runner.ApplyOutputConfig(output.Data);
        return output;
    }
}
