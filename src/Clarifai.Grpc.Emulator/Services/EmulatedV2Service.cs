using Clarifai.Api;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// The emulated Clarifai API: the RPCs of the custom-model workflow (inputs, models, versions, predictions), split by
/// area over partial files. Every other RPC of <c>clarifai.api.V2</c> is left to <see cref="V2.V2Base"/>, which
/// answers gRPC <c>Unimplemented</c>: a client tells at once that the emulator lacks it, rather than getting a
/// half-true answer.
/// </summary>
internal sealed partial class EmulatedV2Service : V2.V2Base
{
    /// <summary>The most inputs Clarifai takes in one request.</summary>
    internal const int MaxInputsPerRequest = 128;

    /// <summary>Clarifai's limit on one image's bytes: 20 MB.</summary>
    internal const int MaxImageBytes = 20 * 1024 * 1024;

    private readonly InputProcessor _processor;
    private readonly ModelTrainer _trainer;
    private readonly EvaluationRunner _evaluations;
    private readonly ImageFetcher _fetcher;
    private readonly FaultInjector _faults;
    private readonly TenantResolver _tenants;
    private readonly TimeProvider _time;
    private readonly bool _sink;
    private readonly MethodDispatch _methods;

    public EmulatedV2Service(InputProcessor processor, ModelTrainer trainer, EvaluationRunner evaluations, ImageFetcher fetcher, FaultInjector faults, TenantResolver tenants, EmulatorTraffic traffic, EmulatorOptions options)
    {
        _methods = new MethodDispatch(traffic, fetcher);
        _tenants = tenants;
        _time = options.TimeProvider;
        _sink = options.Sink;
        _processor = processor;
        _trainer = trainer;
        _evaluations = evaluations;
        _fetcher = fetcher;
        _faults = faults;
    }

    /// <summary>The refusal of a request with no inputs or more than <see cref="MaxInputsPerRequest"/>, or null when the count is fine.</summary>
    private static Clarifai.Api.Status.Status? CheckInputCount(int count) =>
        count is > 0 and <= MaxInputsPerRequest
            ? null
            : Statuses.Of(Clarifai.Api.Status.StatusCode.ConnInvalidRequest, $"A request takes 1 to {MaxInputsPerRequest} inputs; this one has {count}");

    /// <summary>
    /// The app that holds <paramref name="requested"/>: the request's app when it has it, else Clarifai's public app
    /// when the model is public there (<see cref="PublicModels"/>), with the id it has there.
    /// </summary>
    private AppData ModelOwner(AppData app, string requested, out string modelId)
    {
        modelId = requested;
        lock (app.Gate)
        {
            if (app.Models.ContainsKey(requested)) return app;
        }

        var main = _tenants.PublicApp;
        var canonical = PublicModels.Canonical(requested);
        lock (main.Gate)
        {
            if (!main.Models.ContainsKey(canonical)) return app;
        }

        modelId = canonical;
        return main;
    }

    /// <summary>
    /// The apps a list covers: the request's app, or — for a list across the user's apps (a token's request that names
    /// no app, <see cref="TenantInterceptor"/>) — every app of the user, oldest first, then Clarifai's public app when
    /// <paramref name="withPublic"/> (models and workflows: what the caller can use, as the SDKs' listings expect).
    /// </summary>
    private List<AppData> ListedApps(ServerCallContext context, bool withPublic = false)
    {
        if (CallState.AppOrNullOf(context) is { } app) return [app];
        var apps = _tenants.Store.AppsOf(CallState.UserOf(context)).ToList();
        if (withPublic && !apps.Contains(_tenants.PublicApp)) apps.Add(_tenants.PublicApp);
        return apps;
    }

    /// <summary>
    /// The refusal of a create by ids: an invalid id (11102), or one the app has or the request repeats (40003); null
    /// when every id is new. Called under the app's lock.
    /// </summary>
    private static Clarifai.Api.Status.Status? CheckNewIds(IReadOnlyList<string> ids, Func<string, bool> exists, string kind)
    {
        foreach (var id in ids)
        {
            if (!IsValidId(id)) return Statuses.Of(Clarifai.Api.Status.StatusCode.ConnInvalidRequest, $"'{id}' is not a valid {kind} id");
            if (exists(id) || ids.Count(other => other == id) > 1) return Statuses.Of(Clarifai.Api.Status.StatusCode.DatabaseDuplicateKey, $"A {kind} with id '{id}' already exists");
        }

        return null;
    }

    /// <summary>The refusal of a Patch request whose <c>action</c> is not <c>merge</c> (or empty: merge) or <c>overwrite</c>; else null.</summary>
    private static Clarifai.Api.Status.Status? CheckPatchAction(string action) =>
        action is "" or "merge" or "overwrite" ? null : Statuses.Of(Clarifai.Api.Status.StatusCode.ConnInvalidRequest, $"action '{action}' is not merge or overwrite");

    /// <summary>
    /// Deletes records by id, all or none: the refusal of the first id the app does not have, else null once every one
    /// is removed. Called under the app's lock.
    /// </summary>
    private static Clarifai.Api.Status.Status? RemoveAll<TRecord>(Dictionary<string, TRecord> records, IEnumerable<string> ids, Func<string, Clarifai.Api.Status.Status> unknown)
    {
        var list = ids.ToList();
        if (list.FirstOrDefault(id => !records.ContainsKey(id)) is { } missing) return unknown(missing);
        foreach (var id in list) records.Remove(id);
        return null;
    }

    /// <summary>The app the interceptor resolved from the request's <c>user_app_id</c>.</summary>
    private static AppData AppOf(ServerCallContext context) => CallState.AppOf(context);

    private Timestamp Now() => Timestamp.FromDateTimeOffset(_time.GetUtcNow());

    private static string NewId() => Guid.NewGuid().ToString("N");
}
