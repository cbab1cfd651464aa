using Clarifai.Api;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// PostInputsSearches and PostAnnotationsSearches over the emulator's own image features: filtered by
/// <see cref="SearchFilters"/> (concepts, metadata, geo limit, data types, datasets, status), ranked by visual
/// similarity to an image or an input (cosine similarity of the 18 colour features, scaled to [0, 1]). Filters alone
/// score 1; an empty filter or rank (as Clarifai's SDKs send by default) is no condition, so an empty query lists the
/// app's inputs. An annotations search answers each input with its input-level annotation (id: the input's).
/// </summary>
internal sealed partial class EmulatedV2Service
{
    public override async Task<MultiSearchResponse> PostInputsSearches(PostInputsSearchesRequest request, ServerCallContext context) =>
        await SearchAsync(AppOf(context), request.Searches, request.Pagination, withAnnotations: false, context.CancellationToken).ConfigureAwait(false);

    public override async Task<MultiSearchResponse> PostAnnotationsSearches(PostAnnotationsSearchesRequest request, ServerCallContext context) =>
        await SearchAsync(AppOf(context), request.Searches, request.Pagination, withAnnotations: true, context.CancellationToken).ConfigureAwait(false);

    private async Task<MultiSearchResponse> SearchAsync(AppData app, Google.Protobuf.Collections.RepeatedField<Clarifai.Api.Search> searches, Pagination? pagination, bool withAnnotations, CancellationToken cancellationToken)
    {
        if (searches.Count != 1) return new MultiSearchResponse { Status = Statuses.Of(StatusCode.SearchInvalidRequest, $"A request takes one search; this one has {searches.Count}") };
        var query = searches[0].Query ?? new Query();

        var targets = new List<float[]>();
        foreach (var rank in query.Ranks.Where(r => !IsEmpty(r)))
        {
            var (features, error) = await RankFeaturesAsync(app, rank, cancellationToken).ConfigureAwait(false);
            if (features is null) return new MultiSearchResponse { Status = Statuses.Of(StatusCode.SearchInvalidRequest, error ?? "A rank ranks by an image (URL or bytes) or an input id here") };
            targets.Add(features);
        }

        var response = new MultiSearchResponse { Status = Statuses.Of(StatusCode.Success), Id = NewId() };
        lock (app.Gate)
        {
            var hits = app.InputOrder
                .Select(id => app.Inputs[id])
                .Where(input => SearchFilters.PassesAll(input, query.Filters, app))
                .Select(input => (Input: input, Score: targets.Count == 0 ? 1f : input.Features is { } f && targets.All(t => t.Length == f.Length) ? targets.Average(t => Similarity(f, t)) : (float?)null)) // texts and images do not compare
                .Where(hit => hit.Score is not null)
                .OrderByDescending(hit => hit.Score)
                .ThenBy(hit => hit.Input.Id, StringComparer.Ordinal)
                .ToList();
            foreach (var (input, score) in PageSlice.Of(hits, pagination?.Page ?? 1, pagination?.PerPage ?? 0))
            {
                var proto = input.ToProto();
                var annotation = withAnnotations ? new Annotation { Id = input.Id, InputId = input.Id, Data = new Data { Concepts = { proto.Data.Concepts }, Metadata = proto.Data.Metadata } } : null;
                response.Hits.Add(new Hit { Score = score!.Value, Input = proto, Annotation = annotation, UserId = app.UserId, AppId = app.AppId });
            }
        }

        return response;
    }

    /// <summary>A rank that names nothing: no data and no input id (the SDKs' default <c>ranks=[{}]</c>).</summary>
    private static bool IsEmpty(Rank rank) =>
        rank.Annotation is null || (rank.Annotation.InputId.Length == 0 && (rank.Annotation.Data is null || rank.Annotation.Data.Equals(new Data())));

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
