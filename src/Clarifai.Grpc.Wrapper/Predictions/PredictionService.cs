using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Predictions;

/// <summary>Predicts with a model (PostModelOutputs). Reach it through <see cref="ClarifaiClient.Predictions"/>.</summary>
public class PredictionService
{
    /// <summary>The most inputs Clarifai takes in one PostModelOutputs request.</summary>
    public const int MaxInputsPerRequest = ClarifaiLimits.MaxInputsPerRequest;

    private readonly ClarifaiCallExecutor _executor = null!;
    private readonly StreamingCalls _streams = null!;

    internal PredictionService(ClarifaiCallExecutor executor)
    {
        _executor = executor;
        _streams = new StreamingCalls(executor);
    }

    /// <summary>For mocking only.</summary>
    protected PredictionService()
    {
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
    public virtual async Task<Prediction> PredictAsync(ModelRef model, ModelInput input, PredictionOptions? options = null, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = NewRequest(model, [input], options);
        var response = await _executor.CallAsync(ClarifaiRpcs.PostModelOutputs, request, new(model.AddressedBy(callSettings), cancellationToken) { Check = SingleSuccessfulOutput }).ConfigureAwait(false);
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
    public virtual async Task<IReadOnlyList<Prediction>> PredictManyAsync(ModelRef model, IEnumerable<ModelInput> inputs, PredictionOptions? options = null, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        var list = Guard.Batch(inputs, MaxInputsPerRequest, nameof(inputs));
        var request = NewRequest(model, list, options);
        var response = await _executor.CallAsync(ClarifaiRpcs.PostModelOutputs, request, new(model.AddressedBy(callSettings), cancellationToken) { Check = r => OutputCountMismatch(r, list.Count) }).ConfigureAwait(false);
        return response.Outputs.Select(o => new Prediction(o)).ToImmutableArray();
    }

    /// <summary>A single prediction must come back as one output that succeeded; its own failure is the call's.</summary>
    private static ClarifaiException? SingleSuccessfulOutput(MultiOutputResponse response) =>
        OutputCountMismatch(response, 1) ?? (response.Outputs[0].Status is { Code: not Clarifai.Api.Status.StatusCode.Success } failed
            ? ClarifaiExceptionFactory.Create(ClarifaiStatus.FromProto(failed), ClarifaiRpcs.PostModelOutputs.Name)
            : null);

    /// <summary>The failure of an answer whose outputs are not one per input sent (shared with <see cref="Methods.ModelMethodService"/>).</summary>
    internal static ClarifaiException? OutputCountMismatch(MultiOutputResponse response, int sent) =>
        response.Outputs.Count == sent
            ? null
            : new ClarifaiException(ClarifaiStatus.FromProto(response.Status) with { Details = $"{sent} inputs were sent but {response.Outputs.Count} outputs came back." }, ClarifaiRpcs.PostModelOutputs.Name);

    /// <summary>
    /// Generates with a model of any app (an LLM), streaming the text as the model writes it (GenerateModelOutputs).
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="input">The prompt: a text, or a multimodal input for a vision-language model.</param>
    /// <param name="options">How the model answers (temperature, max tokens, any inference parameter), or <see langword="null"/>.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>; the model's app wins. Its timeout bounds the whole stream.</param>
    /// <param name="cancellationToken">Cancels the stream, on the server too; so does leaving the <c>await foreach</c>.</param>
    /// <returns>The text chunks, in order; empty chunks are skipped.</returns>
    /// <exception cref="ArgumentException">The reference or an option is invalid (thrown at once, before anything is sent).</exception>
    /// <exception cref="ClarifaiException">Clarifai refused, or a message or an output failed (thrown while enumerating).</exception>
    /// <example><code>
    /// await foreach (var chunk in clarifai.Predictions.GenerateAsync(llm, ModelInput.FromText("Tell me a story")))
    ///     Console.Write(chunk);
    /// </code></example>
    public virtual IAsyncEnumerable<string> GenerateAsync(ModelRef model, ModelInput input, PredictionOptions? options = null, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        var outputs = GenerateOutputsAsync(model, input, options, callSettings, cancellationToken);
        return TextOf(outputs, cancellationToken);

        static async IAsyncEnumerable<string> TextOf(IAsyncEnumerable<Prediction> outputs, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var output in outputs.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (output.Text.Length > 0) yield return output.Text;
            }
        }
    }

    /// <summary>
    /// Generates with a model of any app, streaming each output message as it comes (GenerateModelOutputs): its text,
    /// token counts and the raw output. <see cref="GenerateAsync"/> gives just the text.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="input">The prompt.</param>
    /// <param name="options">How the model answers, or <see langword="null"/>.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>; the model's app wins. Its timeout bounds the whole stream.</param>
    /// <param name="cancellationToken">Cancels the stream, on the server too.</param>
    /// <returns>One prediction per output message, in order.</returns>
    /// <exception cref="ArgumentException">The reference or an option is invalid (thrown at once).</exception>
    /// <exception cref="ClarifaiException">Clarifai refused, or a message or an output failed (thrown while enumerating).</exception>
    /// <remarks>
    /// A stream that fails before its first message is opened again — after a cold model's answer within
    /// <see cref="ClarifaiClientOptions.ModelWarmUp"/>, after a transient failure within the retry attempts. A failure
    /// after the first message ends the stream with its exception: the chunks already received are not sent twice.
    /// </remarks>
    public virtual IAsyncEnumerable<Prediction> GenerateOutputsAsync(ModelRef model, ModelInput input, PredictionOptions? options = null, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = NewRequest(model, [input], options);
        var settings = model.AddressedBy(callSettings);
        settings?.Validate();
        var responses = _streams.ServerStreamAsync(ClarifaiRpcs.GenerateModelOutputsName, request, static (client, r, o) => client.GenerateModelOutputs(r, o), settings, cancellationToken);
        return OutputsOf(responses, ClarifaiRpcs.GenerateModelOutputsName, cancellationToken);
    }

    /// <summary>
    /// Predicts on a stream of inputs over one bidirectional call (StreamModelOutputs): each input is sent as it comes,
    /// each output returned as it comes — for a conversation, live audio or a long feed, with one connection.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="inputs">The inputs; each is sent as one request. The stream ends after the last one is answered.</param>
    /// <param name="options">How the model answers, or <see langword="null"/>.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>; the model's app wins. Its timeout bounds the whole stream.</param>
    /// <param name="cancellationToken">Cancels the stream, on the server too; so does leaving the <c>await foreach</c>.</param>
    /// <returns>One prediction per output, in the order the server sends them.</returns>
    /// <exception cref="ArgumentException">The reference or an option is invalid (thrown at once).</exception>
    /// <exception cref="ClarifaiException">Clarifai refused, or a message or an output failed (thrown while enumerating).</exception>
    /// <remarks>
    /// The inputs sent before the first answer are kept so that a stream opened again (first-message rule, as for
    /// <see cref="GenerateOutputsAsync"/>) sends them again; after the first answer nothing is kept. An exception
    /// thrown by <paramref name="inputs"/> ends the stream with that exception.
    /// </remarks>
    public virtual IAsyncEnumerable<Prediction> StreamAsync(ModelRef model, IAsyncEnumerable<ModelInput> inputs, PredictionOptions? options = null, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        model.Validate();
        options?.Validate();
        var settings = model.AddressedBy(callSettings);
        settings?.Validate();
        var requests = RequestsOf(model, inputs, options, cancellationToken);
        var responses = _streams.DuplexStreamAsync(ClarifaiRpcs.StreamModelOutputsName, requests, static (client, o) => client.StreamModelOutputs(o), settings, cancellationToken);
        return OutputsOf(responses, ClarifaiRpcs.StreamModelOutputsName, cancellationToken);

        static async IAsyncEnumerable<PostModelOutputsRequest> RequestsOf(ModelRef model, IAsyncEnumerable<ModelInput> inputs, PredictionOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var input in inputs.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (input is null) throw new ArgumentException("The input stream yielded a null input.", nameof(inputs));
                yield return NewRequest(model, [input], options);
            }
        }
    }

    /// <summary>The outputs of a stream's messages; an output that failed ends the stream with its exception.</summary>
    private static async IAsyncEnumerable<Prediction> OutputsOf(IAsyncEnumerable<MultiOutputResponse> responses, string method, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var response in responses.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var output in response.Outputs)
            {
                if (output.Status is { Code: not Clarifai.Api.Status.StatusCode.Success and not Clarifai.Api.Status.StatusCode.Zero } failed)
                {
                    throw ClarifaiExceptionFactory.Create(ClarifaiStatus.FromProto(failed), method);
                }

                yield return new Prediction(output);
            }
        }
    }

    private static PostModelOutputsRequest NewRequest(ModelRef model, IReadOnlyList<ModelInput> inputs, PredictionOptions? options)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Validate();
        options?.Validate();
        var request = new PostModelOutputsRequest { ModelId = model.ModelId, VersionId = model.VersionId ?? string.Empty };
        if (options is not null) request.Model = options.ToModel(model.ModelId, model.VersionId);
        foreach (var input in inputs) request.Inputs.Add(input.ToRequestInput());
        Guard.RequestSize(request, nameof(inputs));
        return request;
    }
}
