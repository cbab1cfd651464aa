namespace Clarifai.Grpc.Emulator;

/// <summary>The colour family of a generated scene.</summary>
public enum ScenePalette
{
    /// <summary>Reds, oranges and yellows: a sunset, a fire, autumn leaves.</summary>
    Warm,

    /// <summary>Blues, cyans and teals: the sea, ice, a night sky.</summary>
    Cold,
}
