using Vision.Onnx;
using Vision.TfLite;

namespace Vision.Models;

/// <summary>Front door for model files: picks the importer by file extension.</summary>
public static class ModelLoader
{
    /// <exception cref="ModelLoadException">The file is missing, unreadable, malformed or uses what Vision does not support.</exception>
    public static Model Load(string path)
    {
        string ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".onnx" => OnnxImporter.Load(path),
            ".tflite" => TfLiteImporter.Load(path),
            _ => throw new UnsupportedModelFormatException(path, $"'{ext}'",
                "Vision reads .onnx and .tflite files; convert the model to ONNX."),
        };
    }
}
