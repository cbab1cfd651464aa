using System.Collections.Immutable;
using Clarifai.Api;

namespace Clarifai.Grpc.Wrapper.Inputs;

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
    /// <param name="callSettings">This call's settings over the client's (timeout, retry, headers, user and app), or <see langword="null"/>.</param>
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
    public virtual Task<AddInputsResult> AddAsync(IEnumerable<NewInput> inputs, CallSettings? callSettings = null, CancellationToken cancellationToken = default) =>
        AddCoreAsync(inputs, inputsAddJobId: null, callSettings, cancellationToken);

    /// <summary>
    /// Adds up to 128 inputs (PostInputs) as part of an inputs-add job, and returns the job to follow: Clarifai keeps
    /// statistics for every add made with the same job id (pending, in progress, succeeded, failed), so several adds —
    /// from several processes — can be followed as one.
    /// </summary>
    /// <param name="inputs">The inputs; 1 to 128.</param>
    /// <param name="jobId">The job's id (new, or one to add to).</param>
    /// <param name="callSettings">Settings for the call and the job's polls over the client's, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The add's own result, and the job.</returns>
    /// <exception cref="ArgumentException">As for <see cref="AddAsync"/>, or a bad job id.</exception>
    /// <exception cref="ClarifaiException">The call failed as a whole.</exception>
    public virtual async Task<InputsAddJobStart> StartAddJobAsync(IEnumerable<NewInput> inputs, string jobId, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        Guard.Id(jobId, nameof(jobId), "inputs-add job id");
        var added = await AddCoreAsync(inputs, jobId, callSettings, cancellationToken).ConfigureAwait(false);
        return new InputsAddJobStart(added, AddJobOperation(jobId, callSettings));
    }

    /// <summary>Follows an inputs-add job (GetInputsAddJob) by its id, for example one started in another process.</summary>
    /// <param name="jobId">The job's id.</param>
    /// <param name="callSettings">Settings for the polls over the client's, or <see langword="null"/>.</param>
    /// <returns>The operation; nothing is fetched until it is updated or waited for.</returns>
    /// <exception cref="ArgumentException">A bad job id.</exception>
    public virtual ClarifaiOperation<ClarifaiInputsAddJob> AddJobOperation(string jobId, CallSettings? callSettings = null)
    {
        Guard.Id(jobId, nameof(jobId), "inputs-add job id");
        callSettings?.Validate();
        return new InputsAddJobOperation(_executor, jobId, _polling, callSettings);
    }

    private async Task<AddInputsResult> AddCoreAsync(IEnumerable<NewInput> inputs, string? inputsAddJobId, CallSettings? callSettings, CancellationToken cancellationToken)
    {
        var list = Guard.Batch(inputs, MaxInputsPerRequest, nameof(inputs));
        var request = new PostInputsRequest { InputsAddJobId = inputsAddJobId ?? string.Empty };
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in list)
        {
            if (input.Id is { } id && !ids.Add(id)) throw new ArgumentException($"The input id '{id}' is given twice; Clarifai would refuse the second copy.", nameof(inputs));
            request.Inputs.Add(input.ToProto());
        }

        Guard.RequestSize(request, nameof(inputs));
        var sent = request.Inputs.ToList(); // the pipeline completes the request; keep what was asked for
        var attempts = new CallAttempts();
        var response = await _executor.CallAsync(ClarifaiRpcs.PostInputs, request, new(callSettings, cancellationToken) { Attempts = attempts }).ConfigureAwait(false);
        var status = ClarifaiStatus.FromProto(response.Status);
        var answers = response.Inputs.ToList();
        if (attempts.EarlierAttemptMayHaveLanded && attempts.FirstSentAt is { } firstSentAt)
        {
            status = await ReconcileDuplicatesAsync(sent, answers, status, firstSentAt, callSettings, cancellationToken).ConfigureAwait(false);
        }

        return new AddInputsResult(status, answers.Select(i => new ClarifaiInput(i)));
    }

    /// <summary>Reads an input.</summary>
    /// <param name="inputId">The input's id.</param>
    /// <param name="callSettings">This call's settings over the client's (timeout, retry, headers, user and app), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The input, with its processing state.</returns>
    /// <exception cref="ArgumentException">The id is null or empty.</exception>
    /// <exception cref="ClarifaiNotFoundException">There is no such input.</exception>
    public virtual async Task<ClarifaiInput> GetAsync(string inputId, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        Guard.Id(inputId, nameof(inputId), "input id");
        var response = await _executor.CallAsync(ClarifaiRpcs.GetInput, new GetInputRequest { InputId = inputId }, callSettings, cancellationToken).ConfigureAwait(false);
        return new ClarifaiInput(response.Input);
    }

    /// <summary>
    /// Waits until Clarifai has processed the inputs: lists those still pending (30001) or in progress (30003), 128
    /// per ListInputs call, with the backoff of <see cref="ClarifaiClientOptions.Polling"/>, until each is processed
    /// (30000) or failed (30002). The uploader waits the same way.
    /// </summary>
    /// <param name="inputIds">The ids to wait for; at least one.</param>
    /// <param name="timeout">How long to wait in all; default <see cref="PollingSettings.Timeout"/>.</param>
    /// <param name="callSettings">This call's settings over the client's (timeout, retry, headers, user and app), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Each input in its final state (<see cref="InputState.Processed"/> or <see cref="InputState.Failed"/>), in the order given.</returns>
    /// <exception cref="ArgumentException">No ids, or a null or empty id.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is zero or negative.</exception>
    /// <exception cref="TimeoutException">Some inputs were still being processed when the timeout passed.</exception>
    /// <exception cref="ClarifaiNotFoundException">An id does not exist.</exception>
    public virtual async Task<IReadOnlyList<ClarifaiInput>> WaitForProcessingAsync(IEnumerable<string> inputIds, TimeSpan? timeout = null, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        var processing = ProcessingOperation(inputIds, callSettings); // checks the ids and settings
        var limit = timeout ?? _polling.Timeout;
        Guard.Timeout(limit, nameof(timeout));
        return await processing.WaitForCompletionAsync(_polling with { Timeout = limit }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// After a retry whose earlier attempt may have stored the inputs, an "already exists" (30100) answer may be this
    /// call's own doing: each such input is checked against what is stored (<see cref="DuplicateAnswerResolver"/>);
    /// where it is ours, the stored input replaces the duplicate answer.
    /// </summary>
    private async Task<ClarifaiStatus> ReconcileDuplicatesAsync(List<Input> sent, List<Input> answers, ClarifaiStatus status, DateTimeOffset firstSentAt, CallSettings? callSettings, CancellationToken cancellationToken)
    {
        var byId = sent.Where(i => i.Id.Length > 0).ToDictionary(i => i.Id, StringComparer.Ordinal);
        var suspects = answers.Where(a => a.Status?.Code is Clarifai.Api.Status.StatusCode.InputDuplicate && byId.ContainsKey(a.Id)).Select(a => byId[a.Id]).ToList();
        if (suspects.Count == 0) return status;
        var own = await DuplicateAnswerResolver.FindOwnAsync(_executor, suspects, firstSentAt, callSettings, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < answers.Count; i++)
        {
            if (answers[i].Status?.Code is Clarifai.Api.Status.StatusCode.InputDuplicate && own.TryGetValue(answers[i].Id, out var stored)) answers[i] = stored;
        }

        return own.Count > 0 && answers.All(a => !ClarifaiInput.IsFailure(a.Status?.Code ?? Clarifai.Api.Status.StatusCode.Zero))
            ? new ClarifaiStatus(Clarifai.Api.Status.StatusCode.Success, "Ok", $"{own.Count} input(s) answered 'already exists' were stored by an earlier attempt of this call whose answer was lost", status.RequestId)
            : status;
    }

    /// <summary>
    /// Lists the app's inputs, a page (ListInputs) at a time as the enumeration goes: <c>await foreach (var input in
    /// clarifai.Inputs.ListAsync())</c>, or <see cref="ClarifaiPageable{T}.AsPages"/> for pages and continuation tokens.
    /// </summary>
    /// <param name="pageSize">Inputs per page, 1 to 1000; 128 when <see langword="null"/>.</param>
    /// <param name="callSettings">Settings for every page's call over the client's, or <see langword="null"/>.</param>
    /// <returns>The inputs, oldest first.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The page size is out of range.</exception>
    public virtual ClarifaiPageable<ClarifaiInput> ListAsync(int? pageSize = null, CallSettings? callSettings = null)
    {
        callSettings?.Validate();
        return new ClarifaiPageable<ClarifaiInput>(
            async (page, perPage, cancellationToken) =>
            {
                var request = new ListInputsRequest { Page = (uint)page, PerPage = (uint)perPage };
                var response = await _executor.CallAsync(ClarifaiRpcs.ListInputs, request, callSettings, cancellationToken).ConfigureAwait(false);
                return response.Inputs.Select(i => new ClarifaiInput(i)).ToList();
            },
            pageSize);
    }

    /// <summary>Deletes inputs by id (DeleteInputs), 128 per request. Ids that do not exist are ignored, as the API does.</summary>
    /// <param name="inputIds">The ids; at least one.</param>
    /// <param name="callSettings">Settings for every call over the client's, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the calls not yet made.</param>
    /// <returns>A task that completes when every input is deleted.</returns>
    /// <exception cref="ArgumentException">No ids, or an id that breaks the id rule.</exception>
    /// <exception cref="ClarifaiException">A call failed; the batches before it are deleted.</exception>
    public virtual async Task DeleteAsync(IEnumerable<string> inputIds, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        var ids = Guard.Ids(inputIds, nameof(inputIds), "input id");
        callSettings?.Validate();
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(MaxInputsPerRequest))
        {
            await _executor.CallAsync(ClarifaiRpcs.DeleteInputs, new DeleteInputsRequest { Ids = { chunk } }, callSettings, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The processing of added inputs as an operation to follow (the same wait as <c>WaitForProcessingAsync</c>).</summary>
    /// <param name="inputIds">The ids; at least one.</param>
    /// <param name="callSettings">Settings for the polls over the client's, or <see langword="null"/>.</param>
    /// <returns>The operation; its <see cref="ClarifaiOperation{T}.Id"/> (the ids, comma-separated) follows it from another process.</returns>
    /// <exception cref="ArgumentException">No ids, or an id that breaks the id rule.</exception>
    public virtual ClarifaiOperation<IReadOnlyList<ClarifaiInput>> ProcessingOperation(IEnumerable<string> inputIds, CallSettings? callSettings = null)
    {
        var ids = Guard.Ids(inputIds, nameof(inputIds), "input id");
        callSettings?.Validate();
        return new InputProcessingOperation(_executor, ids, _polling, callSettings);
    }

    /// <summary>Follows the processing of inputs from an operation's <see cref="ClarifaiOperation{T}.Id"/>.</summary>
    /// <param name="operationId">The id: input ids, comma-separated.</param>
    /// <returns>The operation.</returns>
    /// <exception cref="ArgumentException">The id is not a list of valid input ids.</exception>
    public virtual ClarifaiOperation<IReadOnlyList<ClarifaiInput>> ProcessingOperation(string operationId)
    {
        ArgumentNullException.ThrowIfNull(operationId);
        return ProcessingOperation(operationId.Split(','));
    }

    /// <summary>
    /// Adds concepts (value 1) and negative concepts (value 0) to an input's labels, and merges metadata into its own
    /// (PatchInputs, action <c>merge</c>): what is not named stays.
    /// </summary>
    /// <param name="inputId">The input's id.</param>
    /// <param name="concepts">Concepts the input shows, or <see langword="null"/>.</param>
    /// <param name="negativeConcepts">Concepts it does not show, or <see langword="null"/>.</param>
    /// <param name="metadata">Metadata to merge in, or <see langword="null"/>.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The input as patched.</returns>
    /// <exception cref="ArgumentException">A bad id, nothing to change, or a concept both present and absent.</exception>
    /// <exception cref="ClarifaiException">Clarifai refused, for example 30102: no such input.</exception>
    public virtual Task<ClarifaiInput> MergeAsync(string inputId, IEnumerable<string>? concepts = null, IEnumerable<string>? negativeConcepts = null, Google.Protobuf.WellKnownTypes.Struct? metadata = null, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        Guard.Id(inputId, nameof(inputId), "input id");
        var positive = (concepts ?? []).ToList();
        var negative = (negativeConcepts ?? []).ToList();
        if (positive.Count == 0 && negative.Count == 0 && metadata is null) throw new ArgumentException("Nothing to change: give concepts, negative concepts or metadata.", nameof(concepts));
        foreach (var id in positive.Concat(negative)) Guard.ConceptId(id, nameof(concepts));
        if (positive.Intersect(negative, StringComparer.Ordinal).FirstOrDefault() is { } both) throw new ArgumentException($"The concept '{both}' cannot be both present and absent.", nameof(negativeConcepts));
        var data = new Data();
        foreach (var id in positive.Distinct(StringComparer.Ordinal)) data.Concepts.Add(new Concept { Id = id, Value = 1f });
        foreach (var id in negative.Distinct(StringComparer.Ordinal)) data.Concepts.Add(new Concept { Id = id, Value = 0f });
        if (metadata is not null) data.Metadata = metadata.Clone();
        return PatchAsync("merge", new Input { Id = inputId, Data = data }, callSettings, cancellationToken);
    }

    /// <summary>Removes concepts from an input's labels (PatchInputs, action <c>remove</c>).</summary>
    /// <param name="inputId">The input's id.</param>
    /// <param name="conceptIds">The concepts to remove; at least one.</param>
    /// <param name="callSettings">This call's settings over the client's, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The input as patched.</returns>
    /// <exception cref="ArgumentException">A bad id, or no concepts.</exception>
    /// <exception cref="ClarifaiException">Clarifai refused, for example 30102: no such input.</exception>
    public virtual Task<ClarifaiInput> RemoveConceptsAsync(string inputId, IEnumerable<string> conceptIds, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        Guard.Id(inputId, nameof(inputId), "input id");
        ArgumentNullException.ThrowIfNull(conceptIds);
        var ids = conceptIds.ToList();
        if (ids.Count == 0) throw new ArgumentException("At least one concept id is required.", nameof(conceptIds));
        foreach (var id in ids) Guard.ConceptId(id, nameof(conceptIds));
        var data = new Data();
        foreach (var id in ids.Distinct(StringComparer.Ordinal)) data.Concepts.Add(new Concept { Id = id });
        return PatchAsync("remove", new Input { Id = inputId, Data = data }, callSettings, cancellationToken);
    }

    private async Task<ClarifaiInput> PatchAsync(string action, Input input, CallSettings? callSettings, CancellationToken cancellationToken)
    {
        var request = new PatchInputsRequest { Action = action, Inputs = { input } };
        var response = await _executor.CallAsync(ClarifaiRpcs.PatchInputs, request, new(callSettings, cancellationToken) { Check = static r =>
            r.Inputs.Count != 1 ? new ClarifaiException(ClarifaiStatus.FromProto(r.Status) with { Details = "The response holds no input." }, ClarifaiRpcs.PatchInputs.Name)
            : ClarifaiInput.IsFailure(r.Inputs[0].Status?.Code ?? Clarifai.Api.Status.StatusCode.Zero) ? ClarifaiExceptionFactory.Create(ClarifaiStatus.FromProto(r.Inputs[0].Status), ClarifaiRpcs.PatchInputs.Name)
            : null }).ConfigureAwait(false);
        return new ClarifaiInput(response.Inputs[0]);
    }

    /// <summary>
    /// Reads every input of the app in id order, a batch (StreamInputs with a <c>last_id</c> cursor) at a time: unlike
    /// numbered pages, the cursor is not disturbed by deletions or additions, and a scan that stopped resumes from the
    /// last id it saw — in another process too.
    /// </summary>
    /// <param name="afterId">Start after this input id (the last one a previous scan saw), or from the first when <see langword="null"/>.</param>
    /// <param name="batchSize">Inputs per call, 1 to 1000; default 1000.</param>
    /// <param name="callSettings">Settings for every call over the client's, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the scan.</param>
    /// <returns>The inputs, by ascending id.</returns>
    /// <exception cref="ArgumentException"><paramref name="afterId"/> breaks the id rule.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The batch size is out of range.</exception>
    public virtual IAsyncEnumerable<ClarifaiInput> ScanAsync(string? afterId = null, int batchSize = ClarifaiPageable<ClarifaiInput>.MaxPageSize, CallSettings? callSettings = null, CancellationToken cancellationToken = default)
    {
        if (afterId is not null) Guard.Id(afterId, nameof(afterId), "input id");
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batchSize, ClarifaiPageable<ClarifaiInput>.MaxPageSize);
        callSettings?.Validate();
        return ScanCoreAsync(afterId, batchSize, callSettings, cancellationToken);
    }

    private async IAsyncEnumerable<ClarifaiInput> ScanCoreAsync(string? afterId, int batchSize, CallSettings? callSettings, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cursor = afterId ?? string.Empty;
        while (true)
        {
            var request = new StreamInputsRequest { PerPage = (uint)batchSize, LastId = cursor, OrderById = true };
            var response = await _executor.CallAsync(ClarifaiRpcs.StreamInputs, request, callSettings, cancellationToken).ConfigureAwait(false);
            foreach (var input in response.Inputs) yield return new ClarifaiInput(input);
            if (response.Inputs.Count < batchSize) yield break;
            cursor = response.Inputs[^1].Id;
        }
    }
}
