using System.Collections.Immutable;
using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// Adds inputs (images with concepts) to an app, reads them, and waits until Clarifai has processed them.
/// Reach it through <see cref="ClarifaiClient.Inputs"/>.
/// </summary>
public class InputService
{
    /// <summary>The most inputs Clarifai takes in one PostInputs request.</summary>
    public const int MaxInputsPerRequest = ClarifaiLimits.MaxInputsPerRequest;

    private readonly ClarifaiCallExecutor _executor = null!;
    private readonly PollingSettings _polling = null!;

    internal InputService(ClarifaiCallExecutor executor, PollingSettings polling)
    {
        _executor = executor;
        _polling = polling;
    }

    /// <summary>For mocking only.</summary>
    protected InputService()
    {
    }

    /// <summary>
    /// Adds up to <see cref="MaxInputsPerRequest"/> inputs in one PostInputs call. More are refused (not split), so
    /// that one call stays one request with one outcome; the streaming uploader takes any number.
    /// </summary>
    /// <param name="inputs">1 to 128 inputs.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// Every input with its own status. A 10010 MIXED_STATUS or 10020 FAILURE answer with per-input statuses is a
    /// result, not an exception: check <see cref="AddInputsResult.AllSucceeded"/>.
    /// </returns>
    /// <remarks>
    /// Retried on transient failures only when every input has a client id (<see cref="NewInput.WithId"/>); otherwise
    /// only when the server refused the request before doing any work, so inputs are never added twice.
    /// </remarks>
    /// <exception cref="ArgumentException">No inputs, a null input, or more than 128.</exception>
    /// <exception cref="ClarifaiException">The call failed as a whole.</exception>
    public virtual async Task<AddInputsResult> AddAsync(IEnumerable<NewInput> inputs, CancellationToken cancellationToken = default)
    {
        var list = Guard.Batch(inputs, MaxInputsPerRequest, nameof(inputs));
        var request = new PostInputsRequest();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in list)
        {
            if (input.Id is { } id && !ids.Add(id)) throw new ArgumentException($"The input id '{id}' is given twice; Clarifai would refuse the second copy.", nameof(inputs));
            request.Inputs.Add(input.ToProto());
        }

        Guard.RequestSize(request, nameof(inputs));
        var response = await _executor.CallAsync(ClarifaiRpcs.PostInputs, request, cancellationToken).ConfigureAwait(false);
        return new AddInputsResult(ClarifaiStatus.FromProto(response.Status), response.Inputs.Select(i => new ClarifaiInput(i)));
    }

    /// <summary>Reads an input.</summary>
    /// <param name="inputId">The input's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The input, with its processing state.</returns>
    /// <exception cref="ArgumentException">The id is null or empty.</exception>
    /// <exception cref="ClarifaiNotFoundException">There is no such input.</exception>
    public virtual async Task<ClarifaiInput> GetAsync(string inputId, CancellationToken cancellationToken = default)
    {
        Guard.Id(inputId, nameof(inputId), "input id");
        var response = await _executor.CallAsync(ClarifaiRpcs.GetInput, new GetInputRequest { InputId = inputId }, cancellationToken).ConfigureAwait(false);
        return new ClarifaiInput(response.Input);
    }

    /// <summary>
    /// Waits until Clarifai has processed the inputs: polls each one still pending (30001) or in progress (30003),
    /// with the backoff of <see cref="ClarifaiClientOptions.Polling"/>, until it is processed (30000) or failed (30002).
    /// </summary>
    /// <param name="inputIds">The ids to wait for; at least one.</param>
    /// <param name="timeout">How long to wait in all; default <see cref="PollingSettings.Timeout"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Each input in its final state (<see cref="InputState.Processed"/> or <see cref="InputState.Failed"/>), in the order given.</returns>
    /// <exception cref="ArgumentException">No ids, or a null or empty id.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is zero or negative.</exception>
    /// <exception cref="TimeoutException">Some inputs were still being processed when the timeout passed.</exception>
    public virtual async Task<IReadOnlyList<ClarifaiInput>> WaitForProcessingAsync(IEnumerable<string> inputIds, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputIds);
        var ids = inputIds.ToImmutableArray();
        if (ids.IsEmpty) throw new ArgumentException("At least one input id is required.", nameof(inputIds));
        if (ids.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("An input id is null or empty.", nameof(inputIds));
        var limit = timeout ?? _polling.Timeout;
        Guard.Timeout(limit, nameof(timeout));

        var latest = new ClarifaiInput?[ids.Length];
        var poller = new Poller(_executor.Time, _polling, limit);
        while (true)
        {
            for (var i = 0; i < ids.Length; i++)
            {
                if (latest[i] is { State: InputState.Processed or InputState.Failed }) continue;
                latest[i] = await GetAsync(ids[i], cancellationToken).ConfigureAwait(false);
            }

            var waiting = latest.Count(x => x!.State is not (InputState.Processed or InputState.Failed));
            if (waiting == 0) return latest!;
            await poller.WaitAsync($"{waiting} of {ids.Length} inputs still being processed", cancellationToken).ConfigureAwait(false);
        }
    }
}
