using Microsoft.Extensions.Logging;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>What the hosting integration writes to a resource's log.</summary>
internal static partial class ClarifaiHostingLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "The Clarifai resource '{ResourceName}' could not start.")]
    public static partial void CouldNotStart(ILogger logger, Exception exception, string resourceName);
}
