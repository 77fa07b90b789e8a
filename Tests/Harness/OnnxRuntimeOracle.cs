using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Tensor = Vision.Tensors.Tensor;

namespace Vision.Tests.Harness;

/// <summary>ONNX Runtime (CPU, 2 threads) as the oracle for whole models: same file, same inputs, all outputs.</summary>
public static class OnnxRuntimeOracle
{
    public static Dictionary<string, Tensor> Run(string modelPath, IReadOnlyDictionary<string, Tensor> inputs)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 2 };
        using var session = new InferenceSession(modelPath, options);
        var feeds = inputs.Select(kv => NamedOnnxValue.CreateFromTensor(kv.Key, new DenseTensor<float>(kv.Value.Data, kv.Value.Shape))).ToList();
        using var results = session.Run(feeds);
        return results.ToDictionary(r => r.Name, r =>
        {
            var t = r.AsTensor<float>();
            return new Tensor(t.Dimensions.ToArray(), t.ToArray());
        });
    }

    /// <summary>The model's first input name and its declared shape, with dynamic dimensions replaced by <paramref name="dynamic"/>.</summary>
    public static (string Name, int[] Shape) FirstInput(string modelPath, int dynamic = 1)
    {
        using var session = new InferenceSession(modelPath);
        var (name, meta) = session.InputMetadata.First();
        return (name, meta.Dimensions.Select(d => d > 0 ? d : dynamic).ToArray());
    }
}
