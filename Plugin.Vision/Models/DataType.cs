namespace Vision.Models;

/// <summary>
/// Element type of a model's value as the file declares it. Broader than <see cref="Tensors.ElementType"/> because a
/// model may name types the runtime only converts (uint8 images, bool masks). The numbers are ONNX's, the most complete
/// public numbering, so the ONNX importer maps them one to one; other formats map by name.
/// </summary>
public enum DataType
{
    Undefined = 0,
    Float32 = 1,
    UInt8 = 2,
    Int8 = 3,
    UInt16 = 4,
    Int16 = 5,
    Int32 = 6,
    Int64 = 7,
    String = 8,
    Bool = 9,
    Float16 = 10,
    Float64 = 11,
    UInt32 = 12,
    UInt64 = 13,
    Complex64 = 14,
    Complex128 = 15,
    BFloat16 = 16,
}
