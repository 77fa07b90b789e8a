using Vision.Models;
using Vision.Onnx;

namespace Vision.Tests.Onnx;

/// <summary>The ONNX backend node tests (Debian libonnx-testdata): models load or fail cleanly, and their .pb data reads.</summary>
public class OnnxNodeTestDataTests
{
    [TestCase("test_conv_with_strides_padding")]
    [TestCase("test_relu")]
    [TestCase("test_gemm_default_matrix_bias")]
    [TestCase("test_resize_upsample_scales_nearest")]
    [TestCase("test_cast_FLOAT16_to_FLOAT")]
    [TestCase("test_reshape_extended_dims")]
    public void NodeModel_LoadsAndItsTestDataMatchesTheDeclaredInputs(string name)
    {
        string dir = Path.Combine(OnnxTestData.NodeTests(), name);
        var model = ModelLoader.Load(Path.Combine(dir, "model.onnx"));
        Assert.That(model.UnsupportedOps(), Is.Empty);
        string data = Path.Combine(dir, "test_data_set_0");
        // Inputs fed as tensors are those that are not initializers; the files are numbered in declaration order.
        for (int i = 0; i < model.Inputs.Count; i++)
        {
            var (tensorName, tensor) = OnnxTensorReader.Read(Path.Combine(data, $"input_{i}.pb"));
            var declared = model.Inputs[i];
            if (tensorName.Length > 0) Assert.That(tensorName, Is.EqualTo(declared.Name));
            Assert.That(tensor.Shape, Is.EqualTo(declared.Dims.Select(d => d.Value ?? -1)), declared.Name);
        }
        var (_, output) = OnnxTensorReader.Read(Path.Combine(data, "output_0.pb"));
        Assert.That(output.Length, Is.GreaterThan(0));
    }

    [Test]
    public void TensorReader_ConvertsFloat16()
    {
        string data = Path.Combine(OnnxTestData.NodeTests(), "test_cast_FLOAT16_to_FLOAT", "test_data_set_0");
        var (_, half) = OnnxTensorReader.Read(Path.Combine(data, "input_0.pb"));
        var (_, single) = OnnxTensorReader.Read(Path.Combine(data, "output_0.pb"));
        Assert.That(half.Data, Is.EqualTo(single.Data), "Cast float16 -> float is exact");
    }

    [Test]
    public void TensorReader_MissingFile_IsModelLoadException() =>
        Assert.Throws<ModelLoadException>(() => OnnxTensorReader.Read("/nonexistent/input_0.pb"));

    [Test]
    public void AllNodeModels_LoadOrThrowModelLoadException()
    {
        var dirs = Directory.GetDirectories(OnnxTestData.NodeTests()).Order(StringComparer.Ordinal).ToArray();
        int loaded = 0, withUnsupported = 0, rejected = 0;
        var reasons = new Dictionary<string, List<string>>();
        var failures = new List<string>();
        foreach (string dir in dirs)
        {
            string path = Path.Combine(dir, "model.onnx");
            if (!File.Exists(path)) continue;
            try
            {
                var model = ModelLoader.Load(path);
                loaded++;
                if (model.UnsupportedOps().Count > 0) withUnsupported++;
            }
            catch (ModelLoadException e)
            {
                rejected++;
                string reason = Reason(e);
                if (!reasons.TryGetValue(reason, out var list)) reasons[reason] = list = [];
                list.Add(Path.GetFileName(dir));
            }
            catch (Exception e)
            {
                failures.Add($"{Path.GetFileName(dir)}: {e.GetType().Name}: {e.Message}");
            }
        }
        TestContext.Out.WriteLine($"{dirs.Length} node models: {loaded} loaded ({loaded - withUnsupported} fully supported, {withUnsupported} with unsupported ops), {rejected} rejected.");
        foreach (var (reason, list) in reasons.OrderByDescending(r => r.Value.Count))
            TestContext.Out.WriteLine($"  {list.Count,4} {reason}  e.g. {string.Join(", ", list.Take(3))}");
        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(10)));
        Assert.That(loaded, Is.GreaterThan(dirs.Length / 2));
    }

    [Test]
    public void AllNodeTestData_ReadOrThrowModelLoadException()
    {
        var files = Directory.GetDirectories(OnnxTestData.NodeTests())
            .SelectMany(d => Directory.GetFiles(d, "*.pb", SearchOption.AllDirectories)).Order(StringComparer.Ordinal).ToArray();
        int read = 0;
        var rejected = new Dictionary<string, int>();
        var failures = new List<string>();
        foreach (string file in files)
        {
            try
            {
                var (_, tensor) = OnnxTensorReader.Read(file);
                Assert.That(tensor.Length, Is.EqualTo(Vision.Tensors.Tensor.ShapeLength(tensor.Shape)));
                read++;
            }
            catch (ModelLoadException e)
            {
                string reason = System.Text.RegularExpressions.Regex.Replace(e.Message[(e.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..], @"'[^']*'", "_");
                rejected[reason] = rejected.GetValueOrDefault(reason) + 1;
            }
            catch (Exception e) { failures.Add($"{file}: {e.GetType().Name}: {e.Message}"); }
        }
        TestContext.Out.WriteLine($"{files.Length} node-test .pb files: {read} read, {rejected.Values.Sum()} rejected.");
        foreach (var (reason, count) in rejected.OrderByDescending(r => r.Value))
            TestContext.Out.WriteLine($"  {count,4} {reason}");
        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(10)));
        Assert.That(read, Is.GreaterThan(files.Length * 3 / 4));
    }

    /// <summary>A message reduced to its kind: the part after the location, with numbers and quoted names removed.</summary>
    private static string Reason(ModelLoadException e)
    {
        string what = e.Field != null && e.Field.StartsWith("attribute") ? "attribute" : e.Field?.Split(' ')[0] ?? "-";
        string message = e.Message[(e.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..];
        message = System.Text.RegularExpressions.Regex.Replace(message, @"'[^']*'|\d+", "_");
        return $"[{what}] {message[..Math.Min(110, message.Length)]}";
    }
}
