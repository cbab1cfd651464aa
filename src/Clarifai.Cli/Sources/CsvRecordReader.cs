using System.Text;

namespace Clarifai.Cli.Sources;

/// <summary>Reads CSV records (RFC 4180) one at a time; knows the line each record starts on.</summary>
internal sealed class CsvRecordReader(TextReader reader)
{
    private readonly char[] _one = new char[1];
    private char? _peeked;

    /// <summary>The line (1-based) the next record starts on.</summary>
    public long Line { get; private set; } = 1;

    /// <summary>The next record's cells, or <see langword="null"/> at the end.</summary>
    /// <exception cref="InvalidDataException">A quoted cell is not closed.</exception>
    public async Task<IReadOnlyList<string>?> ReadAsync(CancellationToken cancellationToken)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var started = false;
        while (true)
        {
            var c = await NextAsync(cancellationToken).ConfigureAwait(false);
            if (c is null)
            {
                if (quoted) throw new InvalidDataException($"a quoted cell opened here is not closed: the file ends inside its quotes (a \" is missing, or a quote inside a cell is not doubled).");
                if (!started && cells.Count == 0) return null;
                cells.Add(cell.ToString());
                return cells;
            }

            started = true;
            if (quoted)
            {
                if (c == '"')
                {
                    if (await PeekAsync(cancellationToken).ConfigureAwait(false) == '"')
                    {
                        await NextAsync(cancellationToken).ConfigureAwait(false);
                        cell.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n') Line++;
                    cell.Append(c.Value);
                }

                continue;
            }

            switch (c)
            {
                case '"' when cell.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    Line++;
                    cells.Add(cell.ToString());
                    return cells;
                default:
                    cell.Append(c.Value);
                    break;
            }
        }
    }

    private async ValueTask<char?> NextAsync(CancellationToken cancellationToken)
    {
        if (_peeked is { } peeked)
        {
            _peeked = null;
            return peeked;
        }

        return await reader.ReadAsync(_one.AsMemory(), cancellationToken).ConfigureAwait(false) == 0 ? null : _one[0];
    }

    private async ValueTask<char?> PeekAsync(CancellationToken cancellationToken) => _peeked ??= await NextAsync(cancellationToken).ConfigureAwait(false);
}
