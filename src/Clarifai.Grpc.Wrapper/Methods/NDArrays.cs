using System.Runtime.InteropServices;
using Clarifai.Api;
using Google.Protobuf;

namespace Clarifai.Grpc.Wrapper.Methods;

/// <summary>
/// Numeric arrays as Clarifai's <see cref="NDArray"/> (numpy's <c>tobytes()</c>, shape and dtype name, little-endian as
/// numpy writes them on every platform Clarifai runs): .NET arrays of any rank of <see cref="float"/>,
/// <see cref="double"/> and the signed and unsigned integers, both ways.
/// </summary>
internal static class NDArrays
{
    /// <summary>The array of a .NET value, or <see langword="null"/> when it is not a numeric array.</summary>
    public static NDArray? From(object value)
    {
        if (value is NDArray proto) return proto.Clone();
        if (value is not Array array || DTypeOf(array.GetType().GetElementType()!) is not { } dtype) return null;
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Arrays are sent in numpy's little-endian layout; this machine is big-endian.");
        var bytes = new byte[Buffer.ByteLength(array)];
        Buffer.BlockCopy(array, 0, bytes, 0, bytes.Length);
        var result = new NDArray { Buffer = ByteString.CopyFrom(bytes), Dtype = dtype };
        for (var d = 0; d < array.Rank; d++) result.Shape.Add((uint)array.GetLength(d));
        return result;
    }

    /// <summary>The elements of a one-dimensional array of <typeparamref name="T"/>, or <see langword="null"/> when the dtype is another.</summary>
    public static T[]? ToArray<T>(NDArray array)
        where T : unmanaged
    {
        if (DTypeOf(typeof(T)) != array.Dtype || array.Shape.Count > 1) return null;
        return MemoryMarshal.Cast<byte, T>(array.Buffer.Span).ToArray();
    }

    private static string? DTypeOf(Type element) =>
        element == typeof(float) ? "float32"
        : element == typeof(double) ? "float64"
        : element == typeof(sbyte) ? "int8"
        : element == typeof(short) ? "int16"
        : element == typeof(int) ? "int32"
        : element == typeof(long) ? "int64"
        : element == typeof(byte) ? "uint8"
        : element == typeof(ushort) ? "uint16"
        : element == typeof(uint) ? "uint32"
        : element == typeof(ulong) ? "uint64"
        : null;
}
