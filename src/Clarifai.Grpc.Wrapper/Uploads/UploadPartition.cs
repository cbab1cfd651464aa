using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Clarifai.Grpc.Wrapper.Uploads;

/// <summary>
/// One worker's share of an upload job split among <see cref="Count"/> workers: the inputs whose id hashes to
/// <see cref="Index"/>. Every worker reads the whole source and sends only its share, so N processes — a Kubernetes
/// Indexed Job, say — upload one job together, each input by exactly one of them. The hash is SHA-256 of the input id,
/// the same on every machine and run (ids must be deterministic: <see cref="UploadIdMode.ContentHash"/>).
/// </summary>
/// <param name="Index">This worker's index, 0 to <see cref="Count"/> − 1.</param>
/// <param name="Count">How many workers share the job; at least 1.</param>
public sealed record UploadPartition(int Index, int Count)
{
    /// <summary>Parses <c>i/N</c>, the command line's form (<c>--partition 2/4</c>).</summary>
    /// <param name="value">The text.</param>
    /// <returns>The partition.</returns>
    /// <exception cref="ArgumentException">The text is not of that form, or the numbers are out of range.</exception>
    public static UploadPartition Parse(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var parts = value.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var index) || !int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var count))
        {
            throw new ArgumentException($"'{value}' is not a partition of the form i/N (for example 0/4).", nameof(value));
        }

        var partition = new UploadPartition(index, count);
        partition.Validate();
        return partition;
    }

    /// <summary>Checks the numbers.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is below 1, or the index outside 0 to count − 1.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Count, 1, nameof(Count));
        ArgumentOutOfRangeException.ThrowIfNegative(Index, nameof(Index));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(Index, Count, nameof(Index));
    }

    /// <summary>Whether the input with this id is this worker's.</summary>
    /// <param name="inputId">The input's id.</param>
    /// <returns><see langword="true"/> when this worker sends it.</returns>
    public bool Owns(string inputId)
    {
        ArgumentNullException.ThrowIfNull(inputId);
        if (Count == 1) return true;
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(inputId), hash);
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % (ulong)Count) == Index;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Index}/{Count}";
}
