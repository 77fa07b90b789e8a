using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Vision.Models;
using Vision.Onnx;

namespace Vision.Tests.Onnx;

/// <summary>
/// Load a real model, save it with OnnxWriter, and run original and copy in ONNX Runtime on the same input: equal
/// outputs mean nothing was lost on the way (initializers, folded constants, attributes, node order).
/// </summary>
public class OnnxReexportTests
{
    [TestCase("mnist-8.onnx")]
    [TestCase("selfie_segmentation.onnx")]
    [TestCase("selfie_segmentation_landscape.onnx")]
    public void ReexportedModel_GivesTheSameOutputInOnnxRuntime(string fileName)
    {
        string original = OnnxTestData.SharedModel(fileName);
        string dir = OnnxTestData.TempDir();
        try
        {
            var model = ModelLoader.Load(original);
            string copy = Path.Combine(dir, fileName);
            OnnxWriter.Save(model, copy);

            var input = model.Inputs.Single();
            int[] shape = input.Dims.Select(d => d.Value ?? 1).ToArray();
            var x = Vision.Tensors.Tensor.Random(shape, seed: 11, min: 0f, max: 1f);
            float[] expected = Run(original, input.Name, x.Data, shape);
            float[] actual = Run(copy, input.Name, x.Data, shape);
            Assert.That(actual, Is.EqualTo(expected).Within(1e-5f));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    private static float[] Run(string path, string inputName, float[] data, int[] shape)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 2 };
        using var session = new InferenceSession(path, options);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, new DenseTensor<float>(data, shape))]);
        return results.First().AsEnumerable<float>().ToArray();
    }
}
