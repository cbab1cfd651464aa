using System.Collections.Immutable;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// The processing of added inputs (30001 pending / 30003 in progress → 30000 processed or 30002 failed), followed by
/// ListInputs polls — the one wait the uploader uses too. Its <see cref="Id"/> is the input ids, comma-separated.
/// </summary>
internal sealed class InputProcessingOperation : ClarifaiOperation<IReadOnlyList<ClarifaiInput>>
{
    private readonly ClarifaiCallExecutor _executor;
    private readonly ImmutableArray<string> _ids;
    private readonly PollingSettings _polling;
    private readonly CallSettings? _settings;
    private InputProcessingWaiter.Result? _last;

    public InputProcessingOperation(ClarifaiCallExecutor executor, ImmutableArray<string> ids, PollingSettings polling, CallSettings? settings)
    {
        _executor = executor;
        _ids = ids;
        _polling = polling;
        _settings = settings;
    }

    public override string Id => string.Join(',', _ids);

    public override bool HasCompleted => _last is { } last && (last.Missing.Count > 0 || (!last.TimedOut && last.Pending == 0 && last.Latest.Count >= Distinct.Count));

    public override IReadOnlyList<ClarifaiInput> Value
    {
        get
        {
            if (_last is not { } last || !HasCompleted) throw new InvalidOperationException($"The processing of {_ids.Length} inputs has not completed.");
            if (last.Missing.Count > 0)
            {
                var status = new ClarifaiStatus(Clarifai.Api.Status.StatusCode.InputDoesNotExist, "Input does not exist", "No input with id " + string.Join(", ", last.Missing), string.Empty);
                throw new ClarifaiNotFoundException(status, ClarifaiRpcs.ListInputs.Name);
            }

            return _ids.Select(id => last.Latest[id]).ToImmutableArray();
        }
    }

    private List<string> Distinct => _ids.Distinct(StringComparer.Ordinal).ToList();

    /// <summary>One round of ListInputs calls (no waiting): a zero-length wait that polls once.</summary>
    public override async Task UpdateStatusAsync(CancellationToken cancellationToken = default) =>
        _last = await InputProcessingWaiter.WaitAsync(_executor, Distinct, _polling, TimeSpan.FromTicks(1), _settings, cancellationToken).ConfigureAwait(false);

    public override Task<IReadOnlyList<ClarifaiInput>> WaitForCompletionAsync(CancellationToken cancellationToken = default) =>
        WaitForCompletionAsync(_polling, cancellationToken);

    public override async Task<IReadOnlyList<ClarifaiInput>> WaitForCompletionAsync(PollingSettings polling, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(polling);
        polling.Validate();
        _last = await InputProcessingWaiter.WaitAsync(_executor, Distinct, polling, polling.Timeout, _settings, cancellationToken).ConfigureAwait(false);
        if (_last.TimedOut && _last.Missing.Count == 0) throw new TimeoutException($"Gave up after {_last.Waited}: {_last.Pending} of {Distinct.Count} inputs still being processed.");
        return Value;
    }
}
