using Clarifai.Api;

namespace Clarifai.Grpc.Emulator;

/// <summary>A version of a model: its message (with the training status) and, once trained, its classifier.</summary>
internal sealed class StoredModelVersion
{
    public StoredModelVersion(ModelVersion proto) => Proto = proto;

    /// <summary>Guarded by the owning <see cref="AppData"/>'s lock.</summary>
    public ModelVersion Proto { get; }

    public string Id => Proto.Id;

    public ConceptClassifier? Classifier { get; set; }
}
