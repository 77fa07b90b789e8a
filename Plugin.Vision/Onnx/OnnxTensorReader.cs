using Google.Protobuf;
using Vision.Models;
using Vision.Onnx.Proto;
using Vision.Tensors;

namespace Vision.Onnx;

/// <summary>
/// Reads one serialized TensorProto (.pb), the layout of ONNX backend test data (test_data_set_N/input_M.pb,
/// output_M.pb), so conformance tests can feed and check a model with the data its authors shipped.
/// </summary>
public static class OnnxTensorReader
{
    /// <returns>The tensor's name as stored (may be empty) and its elements.</returns>
    /// <exception cref="ModelLoadException">The file is missing, not a TensorProto, or its data does not match its dims.</exception>
    public static (string Name, Tensor Tensor) Read(string path)
    {
        if (!File.Exists(path))
            throw new ModelLoadException(path, null, null, "file not found. Check the path to the test data.");
        TensorProto proto;
        try { proto = TensorProto.Parser.ParseFrom(File.ReadAllBytes(path)); }
        catch (InvalidProtocolBufferException e)
        {
            throw new ModelLoadException(path, null, null, $"is not a serialized ONNX TensorProto ({e.Message}).", e);
        }
        catch (IOException e)
        {
            throw new ModelLoadException(path, null, null, $"cannot be read ({e.Message}).", e);
        }
        string dir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        try
        {
            return (proto.Name, OnnxTensors.ToTensor(proto, path, $"tensor '{proto.Name}'", dir));
        }
        catch (ModelLoadException e)
        {
            // Backend test data also stores sequences and optionals (SequenceProto, OptionalProto); they parse as a
            // TensorProto with nonsense dims or no data, so the reason alone would mislead.
            throw new ModelLoadException(path, null, e.Field, e.Reason +
                " If the file holds a sequence or an optional value rather than a tensor: Vision reads tensors only.", e);
        }
    }
}
