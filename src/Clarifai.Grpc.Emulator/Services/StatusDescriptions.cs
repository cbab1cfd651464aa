using System.Globalization;
using System.Text.RegularExpressions;
using StatusCode = Clarifai.Api.Status.StatusCode;

namespace Clarifai.Grpc.Emulator;

/// <summary>
/// The description of every status code the server can answer, never an enum name: the texts Clarifai answers for the
/// codes clients match on (the seed's, and "Resource does not exist" for 11101, which Clarifai's SDK tests expect),
/// else the protos' own comment for the code (status_code.proto, embedded at build), else a plain sentence made from
/// the code's name (<c>WORKFLOW_INPUT_TOO_LARGE</c> → "Workflow input too large").
/// </summary>
internal static partial class StatusDescriptions
{
    private static readonly Dictionary<StatusCode, string> Known = new()
    {
        [StatusCode.Success] = "Ok",
        [StatusCode.MixedStatus] = "Mixed Success",
        [StatusCode.Failure] = "Failure",
        [StatusCode.ConnDoesNotExist] = "Resource does not exist",
        [StatusCode.ConnCredentialsInvalid] = "Invalid auth credentials",
        [StatusCode.ConnInsufficientScopes] = "API key has insufficient permissions",
        [StatusCode.ConnKeyInvalid] = "API key is invalid",
        [StatusCode.ConnKeyNotFound] = "API key not found",
        [StatusCode.ConnThrottled] = "Making too many requests",
        [StatusCode.ConnInvalidRequest] = "Invalid request",
        [StatusCode.ModelTrained] = "Model trained successfully",
        [StatusCode.ModelTraining] = "Custom model is currently training.",
        [StatusCode.ModelUntrained] = "Model not yet trained",
        [StatusCode.ModelQueuedForTraining] = "Custom model is currently in queue for training, waiting on inputs to process.",
        [StatusCode.ModelTrainingNoData] = "Custom model training had no data.",
        [StatusCode.ModelTrainingNoPositives] = "Custom model training had no positive examples.",
        [StatusCode.ModelDoesNotExist] = "Model does not exist",
        [StatusCode.ModelInvalidArgument] = "Invalid argument",
        [StatusCode.InputSuccess] = "Download complete",
        [StatusCode.InputPending] = "Download pending",
        [StatusCode.InputFailed] = "Download failed",
        [StatusCode.InputInProgress] = "Download in progress",
        [StatusCode.InputDuplicate] = "Input is a duplicate",
        [StatusCode.InputDoesNotExist] = "Input does not exist",
        [StatusCode.InputInvalidArgument] = "Invalid input argument",
        [StatusCode.InputOverLimit] = "Input is over the size limit",
        [StatusCode.DatabaseDuplicateKey] = "Object already exists",
    };

    /// <summary>The protos' comments by code number (the first comment of a number whose names are aliases).</summary>
    private static readonly Lazy<Dictionary<int, string>> Comments = new(ReadComments);

    public static string Of(StatusCode code)
    {
        if (Known.TryGetValue(code, out var known)) return known;
        if (Comments.Value.TryGetValue((int)code, out var comment)) return comment;
        return Sentence(Enum.GetName(code) is { } name ? name : ((int)code).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A code's protobuf-style name made a sentence: ConnKeyInvalid / CONN_KEY_INVALID → "Conn key invalid".</summary>
    private static string Sentence(string name)
    {
        var words = SplitWords().Split(name.Replace('_', ' ')).Where(w => w.Length > 0).Select(w => w.ToLowerInvariant()).ToList();
        if (words.Count == 0) return "Status " + name;
        var text = string.Join(" ", words);
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    private static Dictionary<int, string> ReadComments()
    {
        var comments = new Dictionary<int, string>();
        using var stream = typeof(StatusDescriptions).Assembly.GetManifestResourceStream("status_code.proto");
        if (stream is null) return comments;
        using var reader = new StreamReader(stream);
        string? pending = null;
        while (reader.ReadLine() is { } line)
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("//", StringComparison.Ordinal))
            {
                // A comment on its own line describes the value that follows (commented-out values are not comments).
                var text = trimmed[2..].Trim();
                pending = EnumValue().IsMatch(text) ? null : pending is null ? text : $"{pending} {text}";
                continue;
            }

            var match = EnumValue().Match(trimmed);
            if (match.Success)
            {
                var number = int.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture);
                var trailing = match.Groups["comment"].Success ? match.Groups["comment"].Value.Trim() : null;
                var comment = !string.IsNullOrEmpty(trailing) ? trailing : pending;
                if (!string.IsNullOrWhiteSpace(comment)) comments.TryAdd(number, Capitalized(comment.TrimEnd('.')));
            }

            pending = null;
        }

        return comments;
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    [GeneratedRegex(@"^(?<name>[A-Z][A-Z0-9_]*)\s*=\s*(?<number>\d+)\s*(\[[^\]]*\])?\s*;\s*(//(?<comment>.*))?$")]
    private static partial Regex EnumValue();

    [GeneratedRegex(@"\s+|(?<=[a-z0-9])(?=[A-Z])")]
    private static partial Regex SplitWords();
}
