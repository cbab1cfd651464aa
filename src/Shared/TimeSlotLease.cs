using System.Threading.RateLimiting;

namespace Clarifai.Grpc.Wrapper;

/// <summary>
/// The lease of a pacing limiter: a permit is a turn in time, already used when the lease is handed out, so there is
/// nothing to give back. Compiled into each package with a pacing limiter (src/Shared).
/// </summary>
internal sealed class TimeSlotLease : RateLimitLease
{
    private TimeSlotLease(bool acquired) => IsAcquired = acquired;

    /// <summary>A granted turn.</summary>
    public static TimeSlotLease Acquired { get; } = new(true);

    /// <summary>A refused one.</summary>
    public static TimeSlotLease Failed { get; } = new(false);

    /// <inheritdoc />
    public override bool IsAcquired { get; }

    /// <inheritdoc />
    public override IEnumerable<string> MetadataNames => [];

    /// <inheritdoc />
    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = null;
        return false;
    }
}
