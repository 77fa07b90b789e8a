using Vision.Backends;
using Vision.Models;
using Vision.Onnx;
using Vision.Runtime;
using Vision.Tensors;
using Vision.Tests.Harness;

namespace Vision.Tests.Runtime;

/// <summary>
/// Attribute combinations the ONNX backend suites lack, as models written with the project's own proto and run by ONNX
/// Runtime (the oracle) and by the Worker on every backend.
/// </summary>
[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class GeneratedModelTests(Backend kind) : BackendTest(kind)
{
    private static Model Single(string op, int[] x, Dictionary<string, Tensor> weights, int opset, params NodeAttribute[] attributes) => new()
    {
        Inputs = [new ValueInfo("x", DataType.Float32, x.Select(Dim.Fixed).ToArray())],
        Outputs = [new ValueInfo("y", DataType.Float32, [])],
        Nodes = [new Node("n", op, "", ["x", .. weights.Keys], ["y"], attributes)],
        Initializers = weights,
        OpsetVersion = opset,
    };

    private void AgreesWithOnnxRuntime(Model model, int[] shape)
    {
        string path = Path.Combine(Path.GetTempPath(), $"vision-gen-{Guid.NewGuid():N}.onnx");
        try
        {
            OnnxWriter.Save(model, path);
            var x = Random(shape);
            var expected = OnnxRuntimeOracle.Run(path, new Dictionary<string, Tensor> { ["x"] = x })["y"];
            using var worker = new Worker(ModelLoader.Load(path), Compute);
            worker.Run(x);
            TensorAssert.Close(expected, worker.PeekOutput("y"), Tolerance.Model, $"{model.Nodes[0].OpType} on {Kind}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void ConvTransposeWithGroupsDilationsAndOutputPadding() => AgreesWithOnnxRuntime(Single("ConvTranspose", [1, 4, 5, 6],
        new() { ["w"] = Tensor.Random([4, 3, 3, 3], 21), ["b"] = Tensor.Random([6], 22) }, 13,
        NodeAttribute.Of("group", 2L), NodeAttribute.Of("dilations", new long[] { 2, 1 }), NodeAttribute.Of("strides", new long[] { 2, 3 }),
        NodeAttribute.Of("output_padding", new long[] { 1, 2 }), NodeAttribute.Of("pads", new long[] { 1, 0, 2, 1 })), [1, 4, 5, 6]);

    [Test]
    public void ConvTransposeWithOutputShapeSameUpper() => AgreesWithOnnxRuntime(Single("ConvTranspose", [2, 3, 4, 5],
        new() { ["w"] = Tensor.Random([3, 2, 4, 4], 23) }, 11,
        NodeAttribute.Of("strides", new long[] { 2, 2 }), NodeAttribute.Of("auto_pad", "SAME_UPPER")), [2, 3, 4, 5]);

    [Test]
    public void GroupedDilatedConvAsymmetricPads() => AgreesWithOnnxRuntime(Single("Conv", [1, 6, 9, 8],
        new() { ["w"] = Tensor.Random([4, 3, 3, 2], 24), ["b"] = Tensor.Random([4], 25) }, 11,
        NodeAttribute.Of("group", 2L), NodeAttribute.Of("dilations", new long[] { 2, 3 }), NodeAttribute.Of("strides", new long[] { 2, 1 }),
        NodeAttribute.Of("pads", new long[] { 2, 0, 1, 3 })), [1, 6, 9, 8]);

    // ONNX Runtime rejects SAME_* with dilations, so SAME_LOWER is checked with stride 2 and an even kernel instead.
    [Test]
    public void StridedConvSameLowerEvenKernel() => AgreesWithOnnxRuntime(Single("Conv", [1, 3, 9, 8],
        new() { ["w"] = Tensor.Random([5, 3, 4, 2], 27) }, 11,
        NodeAttribute.Of("strides", new long[] { 2, 3 }), NodeAttribute.Of("auto_pad", "SAME_LOWER")), [1, 3, 9, 8]);

    [Test]
    public void DepthwiseConvStride2AsymmetricPads() => AgreesWithOnnxRuntime(Single("Conv", [1, 7, 10, 9],
        new() { ["w"] = Tensor.Random([7, 1, 3, 3], 26) }, 13,
        NodeAttribute.Of("group", 7L), NodeAttribute.Of("strides", new long[] { 2, 2 }), NodeAttribute.Of("pads", new long[] { 0, 1, 1, 0 })), [1, 7, 10, 9]);

    [Test]
    public void DilatedMaxPoolCeilMode() => AgreesWithOnnxRuntime(Single("MaxPool", [1, 3, 11, 10], new(), 12,
        NodeAttribute.Of("kernel_shape", new long[] { 3, 2 }), NodeAttribute.Of("dilations", new long[] { 2, 2 }),
        NodeAttribute.Of("strides", new long[] { 2, 3 }), NodeAttribute.Of("ceil_mode", 1L), NodeAttribute.Of("pads", new long[] { 1, 1, 1, 0 })), [1, 3, 11, 10]);

    [Test]
    public void AveragePoolCountIncludePadCeilMode() => AgreesWithOnnxRuntime(Single("AveragePool", [2, 3, 8, 7], new(), 11,
        NodeAttribute.Of("kernel_shape", new long[] { 3, 3 }), NodeAttribute.Of("strides", new long[] { 2, 2 }),
        NodeAttribute.Of("ceil_mode", 1L), NodeAttribute.Of("count_include_pad", 1L), NodeAttribute.Of("pads", new long[] { 1, 1, 1, 1 })), [2, 3, 8, 7]);
}
