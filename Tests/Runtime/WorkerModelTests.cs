using Vision.Backends;
using Vision.Models;
using Vision.Runtime;
using Vision.Tensors;
using Vision.Tests.Harness;
using Vision.Tests.Onnx;

namespace Vision.Tests.Runtime;

/// <summary>The shared test models on every backend against ONNX Runtime, on fixed-seed inputs.</summary>
[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class WorkerModelTests(Backend kind) : BackendTest(kind)
{
    [TestCase("mnist-8.onnx", 0f, 255f)]
    [TestCase("selfie_segmentation.onnx", 0f, 1f)]
    [TestCase("selfie_segmentation_landscape.onnx", 0f, 1f)]
    public void MatchesOnnxRuntime(string file, float min, float max)
    {
        string path = OnnxTestData.SharedModel(file);
        var (name, shape) = OnnxRuntimeOracle.FirstInput(path);
        var input = Tensor.Random(shape, seed: 7, min, max);
        var expected = OnnxRuntimeOracle.Run(path, new Dictionary<string, Tensor> { [name] = input });

        using var worker = new Worker(ModelLoader.Load(path), Compute);
        worker.Run(name, input);
        foreach (var (output, want) in expected)
            TensorAssert.Close(want, worker.PeekOutput(output), Tolerance.Model, $"{file} output '{output}' on {Kind}");
    }
}
