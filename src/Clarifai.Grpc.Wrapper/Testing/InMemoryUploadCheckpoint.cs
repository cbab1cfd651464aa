using System.Collections.Concurrent;

namespace Clarifai.Grpc.Wrapper.Testing;

/// <summary>
/// An <see cref="IUploadCheckpoint"/> in memory, for tests of code that resumes uploads: it keeps what a store would,
/// and shows it (<see cref="Entries"/>, <see cref="Scope"/>). Thread-safe. Nothing survives the process.
/// </summary>
public sealed class InMemoryUploadCheckpoint : IUploadCheckpoint
{
    private readonly ConcurrentDictionary<string, UploadCheckpointEntry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, UploadOutcomeKind> _outcomes = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    /// <inheritdoc />
    public string Description => "in memory";

    /// <summary>The scope the checkpoint belongs to, once claimed.</summary>
    public UploadCheckpointScope? Scope { get; private set; }

    /// <summary>What the checkpoint knows, by input id.</summary>
    public IReadOnlyDictionary<string, UploadCheckpointEntry> Entries => _entries;

    /// <summary>The final outcome recorded for each finished input (by this checkpoint's uploads, not by <see cref="MarkFinished"/>).</summary>
    public IReadOnlyDictionary<string, UploadOutcomeKind> FinishedOutcomes => _outcomes;

    /// <summary>Marks inputs finished, as an earlier run would have.</summary>
    /// <param name="inputIds">The inputs' ids.</param>
    public void MarkFinished(params string[] inputIds)
    {
        ArgumentNullException.ThrowIfNull(inputIds);
        foreach (var id in inputIds) _entries[id] = new UploadCheckpointEntry(id, UploadCheckpointState.Finished);
    }

    /// <inheritdoc />
    public ValueTask<UploadCheckpointScope> ClaimAsync(UploadCheckpointScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        lock (_gate)
        {
            Scope ??= scope;
            if (Scope.Source is null && scope.Source is not null) Scope = Scope with { Source = scope.Source };
            return ValueTask.FromResult(Scope);
        }
    }

    /// <inheritdoc />
    public ValueTask<UploadCheckpointEntry?> FindAsync(string inputId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputId);
        return ValueTask.FromResult(_entries.TryGetValue(inputId, out var entry) ? entry : null);
    }

    /// <inheritdoc />
    public ValueTask RecordSentAsync(IReadOnlyList<UploadCheckpointEntry> inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        foreach (var entry in inputs) _entries.AddOrUpdate(entry.InputId, entry, (_, old) => old.State == UploadCheckpointState.Finished ? old : entry);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask RecordFinishedAsync(IReadOnlyList<UploadOutcome> outcomes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        foreach (var outcome in outcomes)
        {
            _outcomes[outcome.InputId] = outcome.Kind;
            _entries[outcome.InputId] = new UploadCheckpointEntry(outcome.InputId, UploadCheckpointState.Finished);
        }

        return ValueTask.CompletedTask;
    }
}
