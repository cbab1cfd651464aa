using System.Runtime.CompilerServices;
using Clarifai.Api;
using Google.Protobuf;
using Grpc.Core;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// Calls a <see cref="SignatureModel"/> as Clarifai's Python runtime does (clarifai-python
/// <c>runners/models/model_class.py</c>: <c>predict_wrapper</c>, <c>generate_wrapper</c>, <c>stream_wrapper</c>): the
/// method from <c>_method_name</c> on the first input (else <c>predict</c>, <c>generate</c>, <c>stream</c> by RPC),
/// <c>_GET_SIGNATURES</c> answered with the signatures' JSON, an input of the older format (text, image, no parts)
/// converted to arguments, arguments decoded by <see cref="RuntimeCodec"/>, exactly one input for generate and
/// stream, and any failure answered FAILURE 10020 with its message in <c>details</c>. A unary method called through
/// GenerateModelOutputs streams its string one character per message, as the runtime does.
/// </summary>
internal sealed class MethodDispatch(EmulatorTraffic traffic, ImageFetcher fetcher)
{
    private const string MethodNameKey = "_method_name";

    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);

    /// <summary>PostModelOutputs: each input's answer (data and token counts), or the call's failure.</summary>
    public async Task<(IReadOnlyList<ModelAnswer>? Answers, Clarifai.Api.Status.Status Status)> PredictAsync(SignatureModel model, PostModelOutputsRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var name = MethodNameOf(request.Inputs[0]) ?? "predict";
            if (name == "_GET_SIGNATURES")
            {
                var json = "{" + string.Join(",", model.Signatures.Select(s => $"\"{s.Name}\":{Formatter.Format(s)}")) + "}";
                return ([new ModelAnswer(new Data { Text = new Text { Raw = json } })], Statuses.Of(StatusCode.Success));
            }

            var signature = SignatureOf(model, name);
            if (signature.MethodType != RunnerMethodType.UnaryUnary) throw new RuntimeFailure($"Method {name} is not a predict method: call it with {(signature.MethodType == RunnerMethodType.UnaryStreaming ? "GenerateModelOutputs" : "StreamModelOutputs")}");
            var answers = new List<ModelAnswer>();
            foreach (var input in request.Inputs)
            {
                var arguments = ArgumentsOf(model, name, input, signature.InputFields);
                var output = await model.InvokeAsync(name, arguments, new MethodContext(fetcher, cancellationToken)).ConfigureAwait(false);
                answers.Add(new ModelAnswer(RuntimeCodec.WriteResult(signature.OutputFields[0], output.Value), PromptTokens: output.PromptTokens, CompletionTokens: output.CompletionTokens));
            }

            return (answers, Statuses.Of(StatusCode.Success));
        }
        catch (RuntimeFailure failure)
        {
            return (null, Statuses.Of(StatusCode.Failure, failure.Message));
        }
    }

    /// <summary>GenerateModelOutputs: one answer per yielded value; a failure ends the stream with a FAILURE message.</summary>
    public async IAsyncEnumerable<(ModelAnswer? Answer, Clarifai.Api.Status.Status Status)> GenerateAsync(SignatureModel model, PostModelOutputsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        IAsyncEnumerator<MethodOutput>? outputs = null;
        ModelTypeField? returns = null;
        string? refusal = null;
        try
        {
            if (request.Inputs.Count != 1) throw new RuntimeFailure("Generate requires exactly one input");
            var name = MethodNameOf(request.Inputs[0]) ?? "generate";
            var signature = SignatureOf(model, name);
            var arguments = ArgumentsOf(model, name, request.Inputs[0], signature.InputFields);
            returns = signature.OutputFields[0];
            var context = new MethodContext(fetcher, cancellationToken);
            outputs = (signature.MethodType == RunnerMethodType.UnaryUnary ? CharactersAsync(model.InvokeAsync(name, arguments, context)) : model.InvokeGenerateAsync(name, arguments, context)).GetAsyncEnumerator(cancellationToken);
        }
        catch (RuntimeFailure failure)
        {
            refusal = failure.Message;
        }

        await foreach (var item in Answered(outputs, returns, refusal).ConfigureAwait(false)) yield return item;
    }

    /// <summary>StreamModelOutputs: the first request carries every argument and the first item; later ones only items.</summary>
    public async IAsyncEnumerable<(ModelAnswer? Answer, Clarifai.Api.Status.Status Status)> StreamAsync(SignatureModel model, PostModelOutputsRequest first, IAsyncStreamReader<PostModelOutputsRequest> rest, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        IAsyncEnumerator<MethodOutput>? outputs = null;
        ModelTypeField? returns = null;
        string? refusal = null;
        try
        {
            if (first.Inputs.Count != 1) throw new RuntimeFailure("Streaming requires exactly one input");
            var name = MethodNameOf(first.Inputs[0]) ?? "stream";
            var signature = SignatureOf(model, name);
            var streamed = signature.InputFields.FirstOrDefault(f => f.Iterator) ?? throw new RuntimeFailure("Streaming method must have a Stream input");
            var arguments = ArgumentsOf(model, name, first.Inputs[0], signature.InputFields);
            arguments.Remove(streamed.Name, out var firstItem);
            returns = signature.OutputFields[0];
            outputs = model.InvokeStreamAsync(name, arguments, ItemsAsync(firstItem, rest, streamed, cancellationToken), new MethodContext(fetcher, cancellationToken)).GetAsyncEnumerator(cancellationToken);
        }
        catch (RuntimeFailure failure)
        {
            refusal = failure.Message;
        }

        await foreach (var item in Answered(outputs, returns, refusal).ConfigureAwait(false)) yield return item;
    }

    /// <summary>One answer per output, or a FAILURE for a refusal before the call or a failure while it runs (which ends it).</summary>
    private static async IAsyncEnumerable<(ModelAnswer? Answer, Clarifai.Api.Status.Status Status)> Answered(IAsyncEnumerator<MethodOutput>? outputs, ModelTypeField? returns, string? refusal)
    {
        if (refusal is not null)
        {
            yield return (null, Statuses.Of(StatusCode.Failure, refusal));
            yield break;
        }

        await using (outputs!.ConfigureAwait(false))
        {
            await foreach (var item in Guarded(outputs!).ConfigureAwait(false)) yield return item.Failure is null ? (Answer(returns!, item.Output!), Statuses.Of(StatusCode.Success)) : (null, Statuses.Of(StatusCode.Failure, item.Failure));
        }
    }

    private static async IAsyncEnumerable<object?> ItemsAsync(object? first, IAsyncStreamReader<PostModelOutputsRequest> rest, ModelTypeField streamed, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return first;
        while (await rest.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            var input = rest.Current.Inputs.FirstOrDefault() ?? throw new RuntimeFailure("Streaming requires exactly one input");
            yield return RuntimeCodec.ReadArguments(input.Data ?? new Data(), [streamed]).GetValueOrDefault(streamed.Name);
        }
    }

    /// <summary>The outputs, with a <see cref="RuntimeFailure"/> while producing them turned into a last failed item.</summary>
    private static async IAsyncEnumerable<(MethodOutput? Output, string? Failure)> Guarded(IAsyncEnumerator<MethodOutput> outputs)
    {
        while (true)
        {
            (MethodOutput? Output, string? Failure) next;
            try
            {
                if (!await outputs.MoveNextAsync().ConfigureAwait(false)) yield break;
                next = (outputs.Current, null);
            }
            catch (RuntimeFailure failure)
            {
                next = (null, failure.Message);
            }

            yield return next;
            if (next.Failure is not null) yield break;
        }
    }

    private static async IAsyncEnumerable<MethodOutput> CharactersAsync(Task<MethodOutput> unary)
    {
        var output = await unary.ConfigureAwait(false);
        foreach (var character in output.Value as string ?? string.Empty) yield return new MethodOutput(character.ToString());
    }

    private static ModelAnswer Answer(ModelTypeField returns, MethodOutput output) =>
        new(RuntimeCodec.WriteResult(returns, output.Value), PromptTokens: output.PromptTokens, CompletionTokens: output.CompletionTokens);

    private static MethodSignature SignatureOf(SignatureModel model, string name) =>
        model.Signatures.FirstOrDefault(s => s.Name == name) ?? throw new RuntimeFailure($"Method {name} not found in model class");

    private static string? MethodNameOf(Input input) =>
        input.Data?.Metadata?.Fields.TryGetValue(MethodNameKey, out var name) == true && name.KindCase == Google.Protobuf.WellKnownTypes.Value.KindOneofCase.StringValue ? name.StringValue : null;

    /// <summary>The input's arguments (an input of the older format converted first), recorded as the model received them.</summary>
    private Dictionary<string, object?> ArgumentsOf(SignatureModel model, string method, Input input, IReadOnlyList<ModelTypeField> fields)
    {
        var data = input.Data ?? new Data();
        if (data.Parts.Count == 0 && (data.Text is not null || data.Image is not null)) data = FromOlderFormat(data, fields);
        var arguments = RuntimeCodec.ReadArguments(data, fields);
        traffic.Record(new EmulatorMethodCall(model.Id, method, new Dictionary<string, object?>(arguments, StringComparer.Ordinal)));
        return arguments;
    }

    /// <summary>The runtime's compatibility path: the text to the first str (or Text) parameter, the image to the first Image one.</summary>
    private static Data FromOlderFormat(Data data, IReadOnlyList<ModelTypeField> fields)
    {
        var converted = new Data { Metadata = data.Metadata };
        if (data.Text is { } text && fields.FirstOrDefault(f => f.Type is ModelTypeField.Types.DataType.Str or ModelTypeField.Types.DataType.Text) is { } textField)
        {
            converted.Parts.Add(new Part { Id = textField.Name, Data = textField.Type == ModelTypeField.Types.DataType.Str ? new Data { StringValue = text.Raw } : new Data { Text = text } });
        }

        if (data.Image is { } image && fields.FirstOrDefault(f => f.Type == ModelTypeField.Types.DataType.Image) is { } imageField)
        {
            converted.Parts.Add(new Part { Id = imageField.Name, Data = new Data { Image = image } });
        }

        return converted;
    }
}
