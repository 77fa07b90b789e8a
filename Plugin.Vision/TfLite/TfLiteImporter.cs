using Vision.Models;

namespace Vision.TfLite;

/// <summary>
/// Reads a TensorFlow Lite (.tflite) file into a <see cref="Model"/> of ONNX-vocabulary nodes in NCHW, so the same
/// compiler and kernels run it (see <see cref="TfLiteGraphBuilder"/> for the mapping). The model's inputs and outputs
/// keep their NHWC shapes. Every problem with the file surfaces as a <see cref="ModelLoadException"/> naming the file,
/// the operator and the tensor.
/// </summary>
public static class TfLiteImporter
{
    public static Model Load(string path) => Load(ModelFile.ReadAllBytes(path), path);

    /// <param name="path">Where the bytes came from, named in errors.</param>
    public static Model Load(byte[] bytes, string path)
    {
        TfLiteFile file;
        try
        {
            file = TfLiteFile.Read(bytes, path);
        }
        catch (Exception e) when (e is ArgumentException or OverflowException or IndexOutOfRangeException or InvalidCastException)
        {
            throw new ModelLoadException(path, null, null,
                $"is not a readable TensorFlow Lite FlatBuffer ({e.Message}). The file is truncated or corrupted; download or convert it again.", e);
        }
        if (file.Operators.Count == 0)
            throw new ModelLoadException(path, null, "subgraphs", "the main subgraph has no operators. Convert the model again.");
        return TfLiteGraphBuilder.Build(file, path);
    }
}
