using Vision.Onnx;

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
            ".tflite" => throw new UnsupportedModelFormatException(path, "TensorFlow Lite",
                "Convert it to ONNX (e.g. with tf2onnx) or wait for the TFLite importer."),
            _ => throw new UnsupportedModelFormatException(path, $"'{ext}'",
                "Vision reads .onnx files; convert the model to ONNX."),
        };
    }
}
