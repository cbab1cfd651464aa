namespace Clarifai.Grpc.Wrapper.Methods;

/// <summary>
/// The declared type of a method's parameter or result (the signature's <c>ModelTypeField.DataType</c>; the same numbers),
/// which decides the <c>Data</c> field a value travels in. Values are encoded from this type, never guessed from the
/// .NET value: Clarifai's runtime reads an INT sent as <c>float_value</c> as 0 without an error.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The members are Clarifai's DataType names (STR, INT, FLOAT), so that a reader matches them to the protos and to Python's types.")]
public enum MethodValueType
{
    /// <summary>A type this library does not know (a newer runtime's); such a parameter cannot be sent.</summary>
    Unknown = 0,

    /// <summary><c>str</c>: a <see cref="string"/>, in <c>string_value</c>.</summary>
    Str = 1,

    /// <summary><c>bytes</c>: a <c>byte[]</c>, in <c>bytes_value</c>.</summary>
    Bytes = 2,

    /// <summary><c>int</c>: a 64-bit integer, in <c>int_value</c>.</summary>
    Int = 3,

    /// <summary><c>float</c>: a <see cref="double"/>, in <c>float_value</c> (an integer is sent as a float).</summary>
    Float = 4,

    /// <summary><c>bool</c>: in <c>bool_value</c>.</summary>
    Bool = 5,

    /// <summary><c>np.ndarray</c>: a numeric array, in <c>ndarray</c>.</summary>
    NDArray = 6,

    /// <summary>JSON (<c>dict</c>, <c>list</c>): an object or a list, in <c>struct_value</c> (a list wrapped as <c>{"_list": [...]}</c>).</summary>
    Json = 7,

    /// <summary>Clarifai's <c>Text</c>: a <see cref="string"/>, in <c>text.raw</c>.</summary>
    Text = 8,

    /// <summary>Clarifai's <c>Image</c>: by URL or bytes, in <c>image</c>.</summary>
    Image = 9,

    /// <summary>Clarifai's <c>Concept</c>, in <c>concepts</c>.</summary>
    Concept = 10,

    /// <summary>Clarifai's <c>Region</c>, in <c>regions</c>.</summary>
    Region = 11,

    /// <summary>Clarifai's <c>Frame</c>, in <c>frames</c>.</summary>
    Frame = 12,

    /// <summary>Clarifai's <c>Audio</c>, in <c>audio</c>.</summary>
    Audio = 13,

    /// <summary>Clarifai's <c>Video</c>, in <c>video</c>.</summary>
    Video = 14,

    /// <summary>Named fields (a typed dictionary): one nested part per field, its id the field's name.</summary>
    NamedFields = 15,

    /// <summary>A tuple: one nested part per item, ids <c>"0"</c>, <c>"1"</c>, ….</summary>
    Tuple = 16,

    /// <summary>A list: one nested part per item, without ids (concepts, regions and frames go in their repeated field).</summary>
    List = 17,
}
