using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Clarifai.Api;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Wrapper.Methods;

/// <summary>
/// Calls models by their method signatures, as Clarifai's current runtime serves them: named, typed arguments
/// (<c>data.parts</c>, one per parameter), the method named on every input, the RPC chosen by the method's kind —
/// PostModelOutputs for unary methods, GenerateModelOutputs for generate methods, StreamModelOutputs for stream
/// methods — all on the client's one call engine (deadline, retries, warm-up for cold models, status translation,
/// telemetry). A model without signatures (the older kind) is called the older way, chosen automatically. Reach it
/// through <see cref="ClarifaiClient.Methods"/>.
/// </summary>
/// <example><code>
/// var methods = await clarifai.Methods.GetAsync(llm);                       // def predict(prompt: str = "", ...) -> str
/// var answer = await clarifai.Methods.CallAsync&lt;string&gt;(llm, "predict", new MethodArguments { ["prompt"] = "Hi", ["max_tokens"] = 64 });
/// await foreach (var chunk in clarifai.Methods.GenerateAsync(llm, "generate", new MethodArguments { ["prompt"] = "Tell me a story" }))
///     Console.Write(chunk.Value);
/// </code></example>
public class ModelMethodService
{
    /// <summary>The method name that asks a model for its signatures when the model version does not carry them.</summary>
    internal const string GetSignaturesMethod = "_GET_SIGNATURES";

    private readonly ClarifaiCallExecutor _executor = null!;
    private readonly StreamingCalls _streams = null!;
    private readonly ConcurrentDictionary<SignatureKey, ModelMethods> _signatures = new();

    internal ModelMethodService(ClarifaiCallExecutor executor)
    {
        _executor = executor;
        _streams = new StreamingCalls(executor);
    }

    /// <summary>For mocking only.</summary>
    protected ModelMethodService()
    {
    }

    /// <summary>
    /// The methods a model version serves: from the version's <c>method_signatures</c> (GetModelVersion, or GetModel
    /// for the model's current version), else — or when the server does not serve those RPCs (gRPC Unimplemented, as
    /// Clarifai's Python model server) — by asking the model (<c>_GET_SIGNATURES</c>); none for a model of the older kind. Cached for the client's lifetime per model reference and app.
    /// </summary>
    /// <param name="model">The model (its version, if the reference names one).</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>; the model's app wins.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The methods; <see cref="ModelMethods.IsOlderKind"/> when the model has none.</returns>
    /// <exception cref="ArgumentException">The reference is invalid.</exception>
    /// <exception cref="ClarifaiException">Clarifai refused (for example, no such model), or the model's signatures are malformed.</exception>
    public virtual async Task<ModelMethods> GetAsync(ModelRef model, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Validate();
        var settings = model.AddressedBy(callSettings);
        settings?.Validate();
        var key = new SignatureKey(settings?.UserId ?? string.Empty, settings?.AppId ?? string.Empty, model.ModelId, model.VersionId ?? string.Empty);
        if (_signatures.TryGetValue(key, out var known)) return known;
        var methods = await DiscoverAsync(model, settings, cancellationToken).ConfigureAwait(false);
        return _signatures.GetOrAdd(key, methods);
    }

    /// <summary>Calls a unary method (PostModelOutputs) with one set of arguments.</summary>
    /// <param name="model">The model.</param>
    /// <param name="method">The method's name, for example <c>predict</c>.</param>
    /// <param name="arguments">The arguments by parameter name; checked against the signature before anything is sent.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>; the model's app wins.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result, decoded by the method's declared type.</returns>
    /// <exception cref="ArgumentException">No such method, not a unary method, an unknown or missing argument, or a value that cannot be its parameter's type (the message names it).</exception>
    /// <exception cref="ClarifaiModelFailedException">The model failed on the input (its error in <see cref="ClarifaiException.Details"/>).</exception>
    /// <exception cref="ClarifaiException">Clarifai refused the call.</exception>
    public virtual async Task<MethodResult> CallAsync(ModelRef model, string method, MethodArguments arguments, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var results = await UnaryAsync(model, method, [arguments], callSettings, single: true, cancellationToken).ConfigureAwait(false);
        return results[0];
    }

    /// <summary>Calls a unary method and converts its result (see <see cref="MethodResult.As{T}()"/>).</summary>
    /// <typeparam name="T">The result's .NET type, for example <see cref="string"/> for a <c>str</c> result.</typeparam>
    /// <param name="model">The model.</param>
    /// <param name="method">The method's name.</param>
    /// <param name="arguments">The arguments by parameter name.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">As <see cref="CallAsync(ModelRef, string, MethodArguments, CallSettings?, CancellationToken)"/>.</exception>
    /// <exception cref="InvalidCastException">The result is not a <typeparamref name="T"/>.</exception>
    /// <exception cref="ClarifaiException">Clarifai refused the call, or the model failed.</exception>
    public virtual async Task<T> CallAsync<T>(ModelRef model, string method, MethodArguments arguments, CallSettings? callSettings = null, CancellationToken cancellationToken = default) =>
        (await CallAsync(model, method, arguments, callSettings, cancellationToken).ConfigureAwait(false)).As<T>();

    /// <summary>Calls a unary method on up to 128 inputs in one request, each with its own arguments; each result keeps its own status.</summary>
    /// <param name="model">The model.</param>
    /// <param name="method">The method's name.</param>
    /// <param name="batch">One set of arguments per input; 1 to 128.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per input, in order; a failed input's <see cref="MethodResult.Status"/> says why.</returns>
    /// <exception cref="ArgumentException">As <see cref="CallAsync(ModelRef, string, MethodArguments, CallSettings?, CancellationToken)"/> (the message names the input), or the batch is empty or over 128.</exception>
    /// <exception cref="ClarifaiException">The call failed as a whole.</exception>
    public virtual Task<IReadOnlyList<MethodResult>> CallManyAsync(ModelRef model, string method, IEnumerable<MethodArguments> batch, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        var list = Guard.Batch(batch, ClarifaiLimits.MaxInputsPerRequest, nameof(batch));
        return UnaryAsync(model, method, list, callSettings, single: false, cancellationToken);
    }

    /// <summary>
    /// Calls a generate method (GenerateModelOutputs): one input, the results as the model yields them (an LLM's text
    /// chunk by chunk).
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="method">The method's name, for example <c>generate</c>.</param>
    /// <param name="arguments">The arguments by parameter name.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>; its timeout bounds the whole stream.</param>
    /// <param name="cancellationToken">Cancels the stream, on the server too; so does leaving the <c>await foreach</c>.</param>
    /// <returns>One result per message, in order.</returns>
    /// <exception cref="ArgumentException">Thrown when enumeration starts, before anything is sent: as for <see cref="CallAsync(ModelRef, string, MethodArguments, CallSettings?, CancellationToken)"/>, or not a generate method.</exception>
    /// <exception cref="ClarifaiException">Clarifai refused, or the model failed (thrown while enumerating).</exception>
    /// <remarks>A cold model's answers are waited for (<see cref="ClarifaiClientOptions.ModelWarmUp"/>) before the first message only.</remarks>
    public virtual async IAsyncEnumerable<MethodResult> GenerateAsync(ModelRef model, string method, MethodArguments arguments, CallSettings? callSettings = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var (signature, _, settings) = await ResolveAsync(model, method, ModelMethodKind.Generate, callSettings, cancellationToken).ConfigureAwait(false);
        var request = NewRequest(model);
        request.Inputs.Add(new Input { Data = signature is null ? OlderKindRequests.Encode(arguments, request) : MethodValueEncoder.Encode(signature, arguments) });
        Guard.RequestSize(request, nameof(arguments));
        var responses = _streams.ServerStreamAsync(ClarifaiRpcs.GenerateModelOutputsName, request, static (client, r, o) => client.GenerateModelOutputs(r, o), settings, cancellationToken);
        await foreach (var result in ResultsOf(responses, signature, ClarifaiRpcs.GenerateModelOutputsName, cancellationToken).ConfigureAwait(false)) yield return result;
    }

    /// <summary>
    /// Calls a stream method (StreamModelOutputs, bidirectional): the first message carries every argument and the first
    /// of <paramref name="items"/> as the streamed parameter; each later message carries only the next item. Results
    /// come as the model yields them.
    /// </summary>
    /// <typeparam name="TItem">The streamed parameter's .NET type (a <see cref="string"/> for <c>Iterator[str]</c>).</typeparam>
    /// <param name="model">The model.</param>
    /// <param name="method">The method's name, for example <c>stream</c>.</param>
    /// <param name="arguments">The other arguments by parameter name (not the streamed one).</param>
    /// <param name="items">The streamed parameter's values, one per message; when it yields none, nothing is sent.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>; its timeout bounds the whole stream.</param>
    /// <param name="cancellationToken">Cancels the stream, on the server too; so does leaving the <c>await foreach</c>.</param>
    /// <returns>One result per message the model sends.</returns>
    /// <exception cref="ArgumentException">Thrown when enumeration starts (or at the item that breaks it), before that message is sent: as for <see cref="CallAsync(ModelRef, string, MethodArguments, CallSettings?, CancellationToken)"/>, not a stream method, or the streamed parameter given in <paramref name="arguments"/>.</exception>
    /// <exception cref="ClarifaiException">Clarifai refused, or the model failed (thrown while enumerating).</exception>
    public virtual async IAsyncEnumerable<MethodResult> StreamAsync<TItem>(ModelRef model, string method, MethodArguments arguments, IAsyncEnumerable<TItem> items, CallSettings? callSettings = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(items);
        var (signature, _, settings) = await ResolveAsync(model, method, ModelMethodKind.Stream, callSettings, cancellationToken).ConfigureAwait(false);
        var streamed = signature?.StreamedParameter;
        if (signature is not null && streamed is null) throw new ArgumentException($"Method '{method}' is a stream method without a streamed parameter.", nameof(method));
        if (streamed is not null && arguments.Contains(streamed.Name)) throw new ArgumentException($"'{streamed.Name}' is the streamed parameter of '{method}': pass its values as the items, not as an argument.", nameof(arguments));

        var source = items.WithCancellation(cancellationToken).ConfigureAwait(false).GetAsyncEnumerator();
        try
        {
            if (!await source.MoveNextAsync()) yield break; // as Clarifai's clients: no items, no call

            // The first message is built now, so that a bad argument fails before the stream opens.
            var first = StreamRequest(model, signature, streamed, arguments, source.Current, isFirst: true);
            var requests = StreamRequestsAsync(first, source, model, signature, streamed, arguments);
            var responses = _streams.DuplexStreamAsync(ClarifaiRpcs.StreamModelOutputsName, requests, static (client, o) => client.StreamModelOutputs(o), settings, cancellationToken);
            await foreach (var result in ResultsOf(responses, signature, ClarifaiRpcs.StreamModelOutputsName, cancellationToken).ConfigureAwait(false)) yield return result;
        }
        finally
        {
            await source.DisposeAsync();
        }
    }

    private static async IAsyncEnumerable<PostModelOutputsRequest> StreamRequestsAsync<TItem>(
        PostModelOutputsRequest first, ConfiguredCancelableAsyncEnumerable<TItem>.Enumerator source, ModelRef model, ModelMethod? signature, MethodField? streamed, MethodArguments arguments)
    {
        yield return first;
        while (await source.MoveNextAsync()) yield return StreamRequest(model, signature, streamed, arguments, source.Current, isFirst: false);
    }

    private static PostModelOutputsRequest StreamRequest<TItem>(ModelRef model, ModelMethod? signature, MethodField? streamed, MethodArguments arguments, TItem item, bool isFirst)
    {
        var request = NewRequest(model);
        if (signature is null)
        {
            // The older kind: each message is a whole input of its own, its settings repeated.
            var input = new MethodArguments();
            foreach (var (name, value) in arguments) input[name] = value;
            input[OlderKindRequests.StreamedItem] = item;
            request.Inputs.Add(new Input { Data = OlderKindRequests.Encode(input, request) });
        }
        else
        {
            var message = new MethodArguments { [streamed!.Name] = item };
            if (isFirst)
            {
                foreach (var (name, value) in arguments) message[name] = value;
            }

            request.Inputs.Add(new Input { Data = MethodValueEncoder.Encode(signature, message, isFirst ? null : streamed) });
        }

        Guard.RequestSize(request, "items");
        return request;
    }

    private async Task<IReadOnlyList<MethodResult>> UnaryAsync(ModelRef model, string method, IReadOnlyList<MethodArguments> batch, CallSettings? callSettings, bool single, CancellationToken cancellationToken)
    {
        var (signature, _, settings) = await ResolveAsync(model, method, ModelMethodKind.Unary, callSettings, cancellationToken).ConfigureAwait(false);
        var request = NewRequest(model);
        for (var i = 0; i < batch.Count; i++)
        {
            var arguments = batch[i] ?? throw new ArgumentException($"Input {i} of the batch is null.", nameof(batch));
            try
            {
                request.Inputs.Add(new Input { Data = signature is null ? OlderKindRequests.Encode(arguments, request) : MethodValueEncoder.Encode(signature, arguments) });
            }
            catch (ArgumentException invalid) when (!single)
            {
                throw new ArgumentException($"Input {i} of the batch: {invalid.Message}", invalid.ParamName, invalid);
            }
        }

        Guard.RequestSize(request, single ? "arguments" : nameof(batch));
        var response = await _executor.CallAsync(ClarifaiRpcs.PostModelOutputs, request, new CallContext<MultiOutputResponse>(settings, cancellationToken)
        {
            Check = r => OutputCheck(r, batch.Count, single),
        }).ConfigureAwait(false);
        return [.. response.Outputs.Select(o => ResultOf(o, signature))];
    }

    /// <summary>The method to call, its model's methods and the call's settings; checks the method's kind.</summary>
    private async Task<(ModelMethod? Signature, ModelMethods Methods, CallSettings? Settings)> ResolveAsync(ModelRef model, string method, ModelMethodKind kind, CallSettings? callSettings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(method);
        var methods = await GetAsync(model, callSettings, cancellationToken).ConfigureAwait(false);
        var settings = model.AddressedBy(callSettings);
        if (methods.IsOlderKind)
        {
            var expected = OlderKindRequests.MethodOf(kind);
            if (method != expected) throw new ArgumentException($"Model {model} has no method signatures (a model of the older kind): its only {KindName(kind)} method is '{expected}'.", nameof(method));
            return (null, methods, settings);
        }

        var signature = methods.Get(method);
        if (signature.Kind != kind)
        {
            throw new ArgumentException($"'{method}' is a {KindName(signature.Kind)} method: call it with {CallFor(signature.Kind)} (the RPC follows the method's kind).", nameof(method));
        }

        return (signature, methods, settings);
    }

    private async Task<ModelMethods> DiscoverAsync(ModelRef model, CallSettings? settings, CancellationToken cancellationToken)
    {
        Google.Protobuf.Collections.RepeatedField<MethodSignature>? declared;
        try
        {
            declared = model.VersionId is { } version
                ? (await _executor.CallAsync(ClarifaiRpcs.GetModelVersion, new GetModelVersionRequest { ModelId = model.ModelId, VersionId = version }, settings, cancellationToken).ConfigureAwait(false)).ModelVersion?.MethodSignatures
                : (await _executor.CallAsync(ClarifaiRpcs.GetModel, new GetModelRequest { ModelId = model.ModelId }, settings, cancellationToken).ConfigureAwait(false)).Model?.ModelVersion?.MethodSignatures;
        }
        catch (ClarifaiTransportException unserved) when (unserved.GrpcStatusCode == global::Grpc.Core.StatusCode.Unimplemented)
        {
            // A server that serves only predictions (Clarifai's Python model server, a local runner) is asked directly.
            declared = null;
        }

        if (declared is { Count: > 0 }) return Read(() => ModelMethods.FromProto(declared));

        // A version without signatures in its record may still serve them: ask the model, as Clarifai's clients do.
        var request = NewRequest(model);
        request.Inputs.Add(new Input { Data = new Data { Parts = { new Part() }, Metadata = MethodValueEncoder.Named(GetSignaturesMethod) } });
        MultiOutputResponse response;
        try
        {
            response = await _executor.CallAsync(ClarifaiRpcs.PostModelOutputs, request, settings, cancellationToken).ConfigureAwait(false);
        }
        catch (ClarifaiException older) when (older.Code is StatusCode.InputUnsupportedFormat || older is ClarifaiModelFailedException)
        {
            return ModelMethods.None; // a model of the older kind refuses the empty input
        }

        if (response.Outputs.FirstOrDefault() is not { } output || output.Status is { Code: not StatusCode.Success and not StatusCode.Zero }) return ModelMethods.None;
        var json = output.Data?.Text?.Raw;
        if (string.IsNullOrEmpty(json)) return ModelMethods.None;
        try
        {
            return SignatureJson.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return ModelMethods.None; // an older model answered the empty input with text of its own
        }
    }

    private static ModelMethods Read(Func<ModelMethods> read)
    {
        try
        {
            return read();
        }
        catch (Exception malformed) when (malformed is ArgumentException or FormatException or Google.Protobuf.InvalidProtocolBufferException)
        {
            throw new ClarifaiException(new ClarifaiStatus(StatusCode.Failure, "The model's method signatures are malformed.", malformed.Message, string.Empty), "GetModel", malformed);
        }
    }

    private static PostModelOutputsRequest NewRequest(ModelRef model) => new() { ModelId = model.ModelId, VersionId = model.VersionId ?? string.Empty };

    /// <summary>A single call's output must have succeeded (its failure is the call's, typed); a batch keeps each status.</summary>
    private static ClarifaiException? OutputCheck(MultiOutputResponse response, int sent, bool single)
    {
        return PredictionService.OutputCountMismatch(response, sent)
            ?? (single ? OutputFailure(response.Outputs[0], response.Status, ClarifaiRpcs.PostModelOutputs.Name) : null);
    }

    /// <summary>The exception for an output that failed, or <see langword="null"/> (the one table: 21313, and 10020 from a model, are the model's own failure).</summary>
    private static ClarifaiException? OutputFailure(Output output, Clarifai.Api.Status.Status? callStatus, string rpc)
    {
        if (output.Status is not { Code: not StatusCode.Success and not StatusCode.Zero } failed) return null;
        var status = ClarifaiStatus.FromProto(failed);
        if (string.IsNullOrEmpty(status.RequestId) && callStatus is { ReqId.Length: > 0 }) status = status with { RequestId = callStatus.ReqId };
        return ClarifaiExceptionFactory.Create(status, rpc);
    }

    private static MethodResult ResultOf(Output output, ModelMethod? signature) =>
        new(output.Status is { Code: not StatusCode.Success and not StatusCode.Zero } ? null : signature is null ? OlderKindRequests.Decode(output.Data) : MethodValueDecoder.DecodeResult(signature.Returns, output.Data), output);

    private static async IAsyncEnumerable<MethodResult> ResultsOf(IAsyncEnumerable<MultiOutputResponse> responses, ModelMethod? signature, string rpc, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var response in responses.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var output in response.Outputs)
            {
                if (OutputFailure(output, response.Status, rpc) is { } failure) throw failure;
                yield return ResultOf(output, signature);
            }
        }
    }

    private static string KindName(ModelMethodKind kind) => kind switch
    {
        ModelMethodKind.Unary => "unary",
        ModelMethodKind.Generate => "generate",
        _ => "stream",
    };

    private static string CallFor(ModelMethodKind kind) => kind switch
    {
        ModelMethodKind.Unary => "CallAsync or CallManyAsync",
        ModelMethodKind.Generate => "GenerateAsync",
        _ => "StreamAsync",
    };

    private readonly record struct SignatureKey(string UserId, string AppId, string ModelId, string VersionId);
}
