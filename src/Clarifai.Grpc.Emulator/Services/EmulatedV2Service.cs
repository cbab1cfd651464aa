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

    /// <summary>The app the interceptor resolved from the request's <c>user_app_id</c>.</summary>
    private static AppData AppOf(ServerCallContext context) => CallState.AppOf(context);

    private Timestamp Now() => Timestamp.FromDateTimeOffset(_time.GetUtcNow());

    private static string NewId() => Guid.NewGuid().ToString("N");
}
