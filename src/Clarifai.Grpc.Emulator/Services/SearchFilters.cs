using Clarifai.Api;
using Google.Protobuf.WellKnownTypes;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// Whether an input passes a search's filters, by the API's rules as Clarifai's SDKs document and test them: the
/// filters of a query are AND-ed; inside one filter, the concepts are OR-ed (any of them), and so are the parts of an
/// input filter (its data types, datasets and status); an annotation filter's concepts, metadata and geo limit must
/// all hold; a filter with nothing in it passes everything; <c>negate</c> inverts a filter.
/// </summary>
internal static class SearchFilters
{
    private const double EarthRadiusKilometers = 6371.0088;

    /// <summary>Whether the input passes every filter. Called under the app's lock.</summary>
    public static bool PassesAll(StoredInput input, IEnumerable<Filter> filters, AppData app) =>
        filters.All(filter => Passes(input, filter, app) != filter.Negate);

    private static bool Passes(StoredInput input, Filter filter, AppData app) =>
        (filter.Annotation is not { } annotation || PassesAnnotation(input, annotation.Data))
        && (filter.Input is not { } wanted || PassesInput(input, wanted, app));

    /// <summary>Concepts (any of them), metadata (every key), geo limit: all that the filter names.</summary>
    private static bool PassesAnnotation(StoredInput input, Data? wanted)
    {
        if (wanted is null) return true;
        var data = input.Proto.Data;
        var concepts = wanted.Concepts.Count == 0 || wanted.Concepts.Any(c => HasConcept(input, c));
        var metadata = wanted.Metadata is null || ContainsMetadata(data, wanted.Metadata);
        var geo = wanted.Geo?.GeoPoint is not { } point || (data.Geo?.GeoPoint is { } at && Within(at, point, wanted.Geo.GeoLimit));
        return concepts && metadata && geo;
    }

    /// <summary>A concept by id, or by name when the filter gives only a name; value 1 asks for positives, 0 for negatives.</summary>
    private static bool HasConcept(StoredInput input, Concept wanted)
    {
        var label = input.Proto.Data.Concepts.FirstOrDefault(c => wanted.Id.Length > 0 ? c.Id == wanted.Id : c.Name == wanted.Name || (c.Name.Length == 0 && c.Id == wanted.Name));
        return label is not null && (label.Value >= 0.5f) == (wanted.Value >= 0.5f);
    }

    /// <summary>Whether the input's metadata has every key of <paramref name="wanted"/> with its value.</summary>
    private static bool ContainsMetadata(Data data, Struct wanted) =>
        wanted.Fields.All(f => data.Metadata is { } metadata && metadata.Fields.TryGetValue(f.Key, out var actual) && actual.Equals(f.Value));

    /// <summary>Any of: the data types it names (an empty image, text, audio or video), its metadata, its datasets, its status code.</summary>
    private static bool PassesInput(StoredInput input, Input wanted, AppData app)
    {
        var conditions = new List<bool>();
        if (wanted.Data is { } types)
        {
            var data = input.Proto.Data;
            if (types.Image is not null) conditions.Add(data.Image is not null && data.Text is null);
            if (types.Text is not null) conditions.Add(data.Text is not null);
            if (types.Audio is not null) conditions.Add(data.Audio is not null);
            if (types.Video is not null) conditions.Add(data.Video is not null);
            if (types.Metadata is { } metadata) conditions.Add(ContainsMetadata(data, metadata));
        }

        if (wanted.DatasetIds.Count > 0) conditions.Add(wanted.DatasetIds.Any(id => app.Datasets.TryGetValue(id, out var dataset) && dataset.InputIds.Contains(input.Id)));
        if (wanted.Status is { Code: not StatusCode.Zero } status) conditions.Add(input.State == status.Code);
        return conditions.Count == 0 || conditions.Any(c => c);
    }

    /// <summary>Whether a point is within the limit (kilometers by default; miles, degrees, radians) of the filter's point.</summary>
    private static bool Within(GeoPoint at, GeoPoint center, GeoLimit? limit)
    {
        var radians = CentralAngle(at, center);
        if (limit is null || limit.Value <= 0) return radians == 0;
        return limit.Type switch
        {
            "withinMiles" => radians * EarthRadiusKilometers / 1.609344 <= limit.Value,
            "withinDegrees" => radians * 180 / Math.PI <= limit.Value,
            "withinRadians" => radians <= limit.Value,
            _ => radians * EarthRadiusKilometers <= limit.Value,
        };
    }

    /// <summary>The haversine central angle between two points, in radians.</summary>
    private static double CentralAngle(GeoPoint a, GeoPoint b)
    {
        static double Rad(double degrees) => degrees * Math.PI / 180;
        var dLat = Rad(b.Latitude - a.Latitude);
        var dLon = Rad(b.Longitude - a.Longitude);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(Rad(a.Latitude)) * Math.Cos(Rad(b.Latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
