using Vision.Backends;
using Vision.Compile;
using Vision.Models;
using Vision.Onnx;
using Vision.Runtime;
using Vision.Tensors;

namespace Vision.Conformance;

/// <summary>
/// Runs directories in the ONNX backend-test layout (<c>model.onnx</c> plus <c>test_data_set_*/input_*.pb</c> and
/// <c>output_*.pb</c>) on a backend and compares with the stored outputs: |actual - expected| &lt;= atol + rtol * |expected|.
/// </summary>
public sealed class ConformanceRunner(IComputeBackend backend, double rtol = 1e-3, double atol = 1e-5)
{
    /// <summary>Test directories under <paramref name="root"/>: itself when it holds model.onnx, else its subfolders that do.</summary>
    public static IEnumerable<string> Discover(string root)
    {
        if (File.Exists(Path.Combine(root, "model.onnx"))) return [root];
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"conformance: '{root}' does not exist.");
        return Directory.GetDirectories(root).Where(d => File.Exists(Path.Combine(d, "model.onnx"))).Order(StringComparer.Ordinal);
    }

    public ConformanceResult Run(string dir)
    {
        string name = Path.GetFileName(dir.TrimEnd('/'));
        Model model;
        try
        {
            model = ModelLoader.Load(Path.Combine(dir, "model.onnx"));
        }
        catch (ModelLoadException e)
        {
            return Result(ConformanceStatus.Skip, e.Message);
        }
        var unsupported = model.UnsupportedOps();
        if (unsupported.Count > 0)
            return Result(ConformanceStatus.Skip, "unsupported op " + string.Join(", ", unsupported.Select(u => u.OpType).Distinct()));

        var odd = model.Inputs.Concat(model.Outputs).FirstOrDefault(v => !Supported(v.ElementType));
        if (odd != null) return Result(ConformanceStatus.Skip, $"value '{odd.Name}' has type {odd.ElementType}; Vision computes float tensors (int64 for shapes)");

        double maxAbs = 0, maxRel = 0;
        var sets = Directory.GetDirectories(dir, "test_data_set_*").Order(StringComparer.Ordinal).ToList();
        if (sets.Count == 0) return Result(ConformanceStatus.Skip, "no test_data_set_* folder");
        try
        {
            using var worker = new Worker(model, backend);
            foreach (var set in sets)
            {
                var inputs = ReadAll(set, "input_", model.Inputs.Where(i => !model.Initializers.ContainsKey(i.Name)).Select(i => i.Name).ToList());
                var expected = ReadAll(set, "output_", model.Outputs.Select(o => o.Name).ToList());
                worker.Run(inputs);
                foreach (var (outName, want) in expected)
                {
                    var got = worker.PeekOutput(outName);
                    var wantFloats = want.ElementType == ElementType.Float32 ? want.Data : want.Longs.Select(v => (float)v).ToArray();
                    if (!got.Shape.AsSpan().SequenceEqual(want.Shape) && got.Length != want.Length)
                        return Result(ConformanceStatus.Fail, $"output '{outName}' shape {Tensor.ShapeString(got.Shape)}, expected {Tensor.ShapeString(want.Shape)}");
                    for (int i = 0; i < wantFloats.Length; i++)
                    {
                        double e = wantFloats[i], a = got.Data[i];
                        if (double.IsNaN(e) && double.IsNaN(a)) continue;
                        double abs = Math.Abs(a - e);
                        if (double.IsNaN(abs)) abs = double.PositiveInfinity;
                        double rel = abs / Math.Max(Math.Abs(e), 1e-12);
                        maxAbs = Math.Max(maxAbs, abs);
                        if (abs > atol) maxRel = Math.Max(maxRel, rel);
                        if (abs > atol + rtol * Math.Abs(e))
                            return Result(ConformanceStatus.Fail,
                                $"output '{outName}'{Tensor.ShapeString(want.Shape)} element {i}: expected {e:g7}, got {a:g7} (abs {abs:g3}, rel {rel:g3})", maxAbs, maxRel);
                    }
                }
            }
        }
        catch (CompileException e) when (e.Unsupported)
        {
            return Result(ConformanceStatus.Skip, e.Message);
        }
        catch (Exception e) when (e is CompileException or Ops.ShapeException or ComputeException or Kernels.KernelCompileException or ArgumentException or ModelLoadException)
        {
            return Result(ConformanceStatus.Fail, $"{e.GetType().Name}: {e.Message}");
        }
        return Result(ConformanceStatus.Pass, "", maxAbs, maxRel);

        ConformanceResult Result(ConformanceStatus status, string detail, double abs = 0, double rel = 0) =>
            new(name, backend.Kind, status, abs, rel, detail.ReplaceLineEndings(" "));
    }

    private static bool Supported(DataType t) => t is DataType.Float32 or DataType.Float16 or DataType.Float64
        or DataType.Int64 or DataType.Int32 or DataType.Int8 or DataType.UInt8 or DataType.Bool;

    /// <summary>input_0.pb, input_1.pb... bound to the given names in order (the file's own name wins when it has one).</summary>
    private static Dictionary<string, Tensor> ReadAll(string set, string prefix, IReadOnlyList<string> names)
    {
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        for (int i = 0; ; i++)
        {
            string path = Path.Combine(set, $"{prefix}{i}.pb");
            if (!File.Exists(path)) break;
            var (name, tensor) = OnnxTensorReader.Read(path);
            string key = !string.IsNullOrEmpty(name) && names.Contains(name) ? name : i < names.Count ? names[i] : name;
            result[key] = tensor;
        }
        return result;
    }
}
