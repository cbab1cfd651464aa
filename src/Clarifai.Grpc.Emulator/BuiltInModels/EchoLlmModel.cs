using System.Runtime.CompilerServices;
using Clarifai.Api;
using Google.Protobuf.WellKnownTypes;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// <c>echo-llm</c>: a text generator whose answer is predictable — <c>"Echo: "</c> followed by the prompt's words —
/// streamed one word per chunk, cut at <c>max_tokens</c> words, with token counts (one token per word). A
/// <c>system_prompt</c> inference parameter is answered first, as <c>"[system: …] "</c>, so tests see that it arrived.
/// </summary>
internal sealed class EchoLlmModel : BuiltInModel
{
    public override string Id => "echo-llm";

    public override string ModelTypeId => "text-to-text";

    public override string Description => "Local server: answers 'Echo: ' and the prompt, one word per streamed chunk.";

    public override async Task<ModelAnswer> PredictAsync(Input input, Struct parameters, ImageFetcher fetcher, CancellationToken cancellationToken)
    {
        var text = new System.Text.StringBuilder();
        uint prompt = 0, completion = 0;
        await foreach (var chunk in GenerateAsync(input, parameters, fetcher, cancellationToken).ConfigureAwait(false))
        {
            if (chunk.Data is null) return chunk;
            text.Append(chunk.Data.Text.Raw);
            (prompt, completion) = (chunk.PromptTokens, completion + chunk.CompletionTokens);
        }

        return new ModelAnswer(new Data { Text = new Text { Raw = text.ToString() } }, PromptTokens: prompt, CompletionTokens: completion);
    }

    public override async IAsyncEnumerable<ModelAnswer> GenerateAsync(Input input, Struct parameters, ImageFetcher fetcher, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (TextOf(input) is not { } prompt)
        {
            yield return ModelAnswer.Failed("The input has no text prompt");
            yield break;
        }

        var words = new List<string>();
        if (parameters.Fields.TryGetValue("system_prompt", out var system) && system.StringValue.Length > 0) words.Add($"[system: {system.StringValue}]");
        words.Add("Echo:");
        words.AddRange(prompt.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (parameters.Fields.TryGetValue("max_tokens", out var max) && max.KindCase == Value.KindOneofCase.NumberValue && max.NumberValue >= 1)
        {
            words = words.Take((int)Math.Min(max.NumberValue, int.MaxValue)).ToList();
        }

        var promptTokens = (uint)TextFeatures.Words(prompt).Count;
        for (var i = 0; i < words.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            var chunk = i == 0 ? words[i] : " " + words[i];
            yield return new ModelAnswer(new Data { Text = new Text { Raw = chunk } }, PromptTokens: promptTokens, CompletionTokens: 1);
        }
    }
}
