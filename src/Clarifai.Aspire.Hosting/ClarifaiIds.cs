namespace Aspire.Hosting.ApplicationModel;

/// <summary>Clarifai's rule for user and app ids, checked when the app model is built rather than at the first call.</summary>
internal static class ClarifaiIds
{
    public static void ThrowIfInvalid(string id, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(id))] string? parameterName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id, parameterName);

        // Letters, digits, '-' and '_' (what Clarifai accepts in ids), and nothing a connection string would need quoted.
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                throw new ArgumentException($"A Clarifai id has only letters, digits, '-' and '_'; '{parameterName}' has '{c}'.", parameterName);
            }
        }
    }
}
