using System.Reflection;

namespace Clarifai.Grpc.Wrapper.Tests.Support;

/// <summary>
/// The settings configuration can set on an options type: its public settable properties of a value configuration
/// holds as text (string, URI, bool, TimeSpan, int, double), and those of its nested settings classes, by path
/// (<c>Retry:MaxAttempts</c>). What the binder must bind and the configuration schema must describe.
/// </summary>
internal static class ConfigurationShape
{
    public static IReadOnlyList<(string Path, PropertyInfo Property)> SettingsOf(Type type)
    {
        var settings = new List<(string, PropertyInfo)>();
        Walk(type, string.Empty);
        return settings;

        void Walk(Type current, string prefix)
        {
            foreach (var property in current.GetProperties().Where(p => p.SetMethod is { IsPublic: true }))
            {
                var path = prefix + property.Name;
                if (IsScalar(property.PropertyType))
                {
                    settings.Add((path, property));
                }
                else if (property.PropertyType.Namespace == "Clarifai.Grpc.Wrapper" && property.PropertyType.IsClass && property.PropertyType.GetProperties().Any(p => p.PropertyType == typeof(TimeSpan)))
                {
                    Walk(property.PropertyType, path + ":");
                }
            }
        }
    }

    public static bool IsScalar(Type type) =>
        type == typeof(string) || type == typeof(Uri) || type == typeof(bool) || type == typeof(TimeSpan) || type == typeof(int) || type == typeof(double);
}
