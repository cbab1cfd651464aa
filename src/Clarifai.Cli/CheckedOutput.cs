using System.Text;

namespace Clarifai.Cli;

/// <summary>
/// The command's standard output, where a failed write (a full disk, <c>/dev/full</c>, a closed descriptor) becomes a
/// <see cref="CliOutputException"/> — told apart from the I/O errors of the files the command reads — instead of an
/// <see cref="IOException"/> from deep inside a display.
/// </summary>
internal sealed class CheckedOutput(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override void Write(char value) => Guard(() => inner.Write(value));

    public override void Write(string? value) => Guard(() => inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => Guard(() => inner.Write(buffer, index, count));

    public override void WriteLine(string? value) => Guard(() => inner.WriteLine(value));

    public override Task WriteAsync(string? value) => GuardAsync(() => inner.WriteAsync(value));

    public override Task WriteLineAsync(string? value) => GuardAsync(() => inner.WriteLineAsync(value));

    public override void Flush() => Guard(inner.Flush);

    public override Task FlushAsync() => GuardAsync(inner.FlushAsync);

    private static void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException and not CliOutputException or ObjectDisposedException or UnauthorizedAccessException)
        {
            throw Failed(e);
        }
    }

    private static async Task GuardAsync(Func<Task> write)
    {
        try
        {
            await write().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException and not CliOutputException or ObjectDisposedException or UnauthorizedAccessException)
        {
            throw Failed(e);
        }
    }

    // .NET reports a closed descriptor (EBADF) as an access failure, whose message speaks of a path: say what it is.
    private static CliOutputException Failed(Exception e) =>
        new($"The output cannot be written: {(e is UnauthorizedAccessException ? "it is closed or not writable." : CliMessages.Of(e))}", e);
}
