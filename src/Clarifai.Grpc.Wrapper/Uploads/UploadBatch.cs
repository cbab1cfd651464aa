namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>
/// A batch on its way from the reader to a worker, with an explicit owner: whoever reports its inputs' outcomes.
/// A worker takes it with <see cref="TryTake"/>; a reader that stops (cancellation, a failing source) while handing
/// it over reclaims it with <see cref="TryReclaim"/>. Exactly one of the two succeeds, so no input is reported twice or
/// never, whatever the timing of a cancellation against the hand-over.
/// </summary>
internal sealed class UploadBatch
{
    private const int WithReader = 0;
    private const int WithWorker = 1;
    private const int Reclaimed = 2;
    private int _owner = WithReader;

    public List<UploadItem> Items { get; } = [];

    public long Bytes { get; private set; }

    public void Add(UploadItem item)
    {
        Items.Add(item);
        Bytes += item.Size;
    }

    public bool TryTake() => Interlocked.CompareExchange(ref _owner, WithWorker, WithReader) == WithReader;

    public bool TryReclaim() => Interlocked.CompareExchange(ref _owner, Reclaimed, WithReader) == WithReader;
}
