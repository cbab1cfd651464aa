using Clarifai.Api;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// PostInputsSearches over the emulator's own image features: filters by concept label (value 1 has it, 0 is a
/// negative example; <c>negate</c> inverts) and by metadata; ranks by visual similarity to an image or an input
/// (cosine similarity of the 18 colour features, scaled to [0, 1]). Filters alone score 1.
/// </summary>
internal sealed partial class EmulatedV2Service
{
    public override async Task<MultiSearchResponse> PostInputsSearches(PostInputsSearchesRequest request, ServerCallContext context)
    {
        var app = AppOf(context);
        if (request.Searches.Count != 1 || request.Searches[0].Query is not { } query || (query.Filters.Count == 0 && query.Ranks.Count == 0))
        {
            return new MultiSearchResponse { Status = Statuses.Of(StatusCode.SearchInvalidRequest, "One search with at least one filter or rank is required") };
        }

        var targets = new List<float[]>();
        foreach (var rank in query.Ranks)
        {
            var (features, error) = await RankFeaturesAsync(app, rank, context.CancellationToken).ConfigureAwait(false);
            if (features is null) return new MultiSearchResponse { Status = Statuses.Of(StatusCode.SearchInvalidRequest, error ?? "The rank has no image or input id") };
            targets.Add(features);
        }

        var response = new MultiSearchResponse { Status = Statuses.Of(StatusCode.Success), Id = NewId() };
        lock (app.Gate)
        {
            var hits = app.InputOrder
                .Select(id => app.Inputs[id])
                .Where(input => query.Filters.All(filter => Matches(input, filter)))
                .Select(input => (Input: input, Score: targets.Count == 0 ? 1f : input.Features is { } f && targets.All(t => t.Length == f.Length) ? targets.Average(t => Similarity(f, t)) : (float?)null)) // texts and images do not compare
                .Where(hit => hit.Score is not null)
                .OrderByDescending(hit => hit.Score)
                .ThenBy(hit => hit.Input.Id, StringComparer.Ordinal)
                .ToList();
            foreach (var (input, score) in PageSlice.Of(hits, request.Pagination?.Page ?? 1, request.Pagination?.PerPage ?? 0))
            {
                response.Hits.Add(new Hit { Score = score!.Value, Input = input.ToProto(), UserId = app.UserId, AppId = app.AppId });
            }
        }

        return response;
    }

    private async Task<(float[]? Features, string? Error)> RankFeaturesAsync(AppData app, Rank rank, CancellationToken cancellationToken)
    {
        if (rank.Annotation is not { } annotation) return (null, null);
        if (annotation.Data?.Text is { Raw.Length: > 0 })
        {
            return (null, "This app's base workflow embeds images only (colour features); text search needs a multimodal base workflow");
        }

        if (annotation.InputId.Length > 0)
        {
            lock (app.Gate)
            {
                return app.Inputs.TryGetValue(annotation.InputId, out var input) && input.Features is { } features
                    ? (features, null)
                    : (null, $"No processed input with id '{annotation.InputId}' to compare with");
            }
        }

        var image = annotation.Data?.Image;
        byte[]? content = image is { Base64.IsEmpty: false } ? image.Base64.ToByteArray() : null;
        string? error = null;
        if (content is null && image is { Url.Length: > 0 }) (content, error) = await _fetcher.FetchAsync(image.Url, cancellationToken).ConfigureAwait(false);
        return content is null ? (null, error) : await ImageFeatures.ExtractAsync(content, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether a stored input passes a filter. Called under the app's lock.</summary>
    private static bool Matches(StoredInput input, Filter filter)
    {
        var data = input.Proto.Data;
        var match = true;
        foreach (var wanted in filter.Annotation?.Data?.Concepts ?? [])
        {
            var label = input.LabelOf(wanted.Id);
            match &= label is { } value && (value >= 0.5f) == (wanted.Value >= 0.5f);
        }

        foreach (var (key, value) in filter.Input?.Data?.Metadata?.Fields ?? new Google.Protobuf.Collections.MapField<string, Value>())
        {
            match &= data.Metadata is { } metadata && metadata.Fields.TryGetValue(key, out var actual) && actual.Equals(value);
        }

        return match != filter.Negate;
    }

    /// <summary>Cosine similarity of two feature vectors, scaled from [-1, 1] to [0, 1].</summary>
    private static float Similarity(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return na == 0 || nb == 0 ? 0f : (float)((1 + (dot / Math.Sqrt(na * nb))) / 2);
    }
}
