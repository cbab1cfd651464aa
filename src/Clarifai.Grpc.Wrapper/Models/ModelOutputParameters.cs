using Clarifai.Api;
using Google.Protobuf.WellKnownTypes;

namespace Clarifai.Grpc.Wrapper.Models;

/// <summary>
/// Where a classifier's output configuration lives in the API: <c>output_info.params</c> (the current place), with
/// <c>output_info.output_config.concepts_mutually_exclusive</c> (deprecated) still written for older servers.
/// </summary>
internal static class ModelOutputParameters
{
    public const string ConceptsMutuallyExclusive = "concepts_mutually_exclusive";
    public const string ClosedEnvironment = "closed_environment";

    public static OutputInfo Create(IEnumerable<string> concepts, bool conceptsMutuallyExclusive, bool closedEnvironment)
    {
        var info = new OutputInfo { Data = new Data(), Params = new Struct() };
        foreach (var concept in concepts) info.Data.Concepts.Add(new Concept { Id = concept, Name = concept });
        info.Params.Fields[ConceptsMutuallyExclusive] = Value.ForBool(conceptsMutuallyExclusive);
        info.Params.Fields[ClosedEnvironment] = Value.ForBool(closedEnvironment);
#pragma warning disable CS0612 // deprecated upstream; kept so that servers reading the old field agree.
        info.OutputConfig = new OutputConfig { ConceptsMutuallyExclusive = conceptsMutuallyExclusive };
#pragma warning restore CS0612
        return info;
    }

    public static bool ReadBool(OutputInfo? info, string name)
    {
        if (info?.Params is { } parameters && parameters.Fields.TryGetValue(name, out var value) && value.KindCase == Value.KindOneofCase.BoolValue)
        {
            return value.BoolValue;
        }

#pragma warning disable CS0612
        return name == ConceptsMutuallyExclusive && (info?.OutputConfig?.ConceptsMutuallyExclusive ?? false);
#pragma warning restore CS0612
    }
}
