using Google.Protobuf;

namespace Clarifai.Grpc.Wrapper.Benchmarks.External;

/// <summary>
/// The images every client sends: 256 distinct 10 KiB contents made once and cycled, so that the source costs nothing
/// per input and what a client allocates per image byte is its own copies alone.
/// </summary>
internal static class ImageContents
{
    public const int Size = 10 * 1024;

    private static readonly ByteString[] Contents = Make();

    public static ByteString Of(int index) => Contents[index & (Contents.Length - 1)];

    private static ByteString[] Make()
    {
        var random = new Random(7);
        var contents = new ByteString[256];
        for (var i = 0; i < contents.Length; i++)
        {
            var bytes = new byte[Size];
            random.NextBytes(bytes);
            contents[i] = UnsafeByteOperations.UnsafeWrap(bytes);
        }

        return contents;
    }
}
