using Vision.Models;
using Vision.Onnx;
using Vision.Runtime;
using Vision.Tests.Harness;
using Vision.Tests.Onnx;
using Tensor = Vision.Tensors.Tensor;

namespace Vision.Tests.Building;

/// <summary>Saves a built model as ONNX, runs it in ONNX Runtime and in a Worker on one backend, and compares every output.</summary>
public static class ExportOracle
{
    public static void AgreesWithOnnxRuntime(Model model, Tensor input, Vision.Backends.IComputeBackend backend, string what, Tolerance? tolerance = null)
    {
        string dir = OnnxTestData.TempDir();
        try
        {
            string path = Path.Combine(dir, "built.onnx");
            OnnxWriter.Save(model, path);
            string inputName = model.Inputs[0].Name;
            var expected = OnnxRuntimeOracle.Run(path, new Dictionary<string, Tensor> { [inputName] = input });
            using var worker = new Worker(ModelLoader.Load(path), backend);
            worker.Run(inputName, input);
            foreach (var (name, want) in expected)
                TensorAssert.Close(want, worker.PeekOutput(name), tolerance ?? Tolerance.Model, $"{what} output '{name}' on {backend.Kind}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
