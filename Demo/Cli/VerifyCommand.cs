using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OpenCvSharp;
using Vision.Backends;
using Vision.Models;
using Vision.Models.Catalog;
using Vision.Runtime;
using Tensor = Vision.Tensors.Tensor;

namespace Vision.Demo.Cli;

/// <summary>
/// <c>./vision verify MODEL [--backend gl,cl,cpu|all] [--image FILE] [--seed N] [--shape 1,3,H,W]</c>: runs the model on
/// Vision's backends and on an oracle with the same input and reports, per output and backend, the max abs and rel
/// error. The oracle is ONNX Runtime for .onnx and OpenCV DNN (which reads the .tflite itself) for .tflite. MODEL is a
/// file or a catalog name (<c>./vision models list</c>), fetched on first use. Passes when
/// |ours - oracle| &lt;= atol + rtol * |oracle| everywhere.
/// </summary>
public static class VerifyCommand
{
    public const double Rtol = 1e-3, Atol = 1e-4;

    public static int Run(string[] args)
    {
        string? path = null, image = null;
        int seed = 1;
        int[]? shape = null;
        var backends = new List<Backend>();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");
            switch (args[i])
            {
                case "--backend": backends.AddRange(ConformanceCommand.ParseBackends(Next())); break;
                case "--image": image = Next(); break;
                case "--seed": seed = int.Parse(Next()); break;
                case "--shape": shape = Next().Split(',').Select(int.Parse).ToArray(); break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal) || path != null)
                        throw new ArgumentException($"unexpected '{args[i]}'; usage: ./vision verify MODEL [--backend gl,cl,cpu|all] [--image FILE] [--seed N] [--shape 1,3,H,W]");
                    path = args[i];
                    break;
            }
        }
        if (path == null) throw new ArgumentException("usage: ./vision verify MODEL [--backend gl,cl,cpu|all] [--image FILE] [--seed N] [--shape 1,3,H,W]");
        int[]? example = null;
        if (!File.Exists(path) && ModelCatalog.Entries.FirstOrDefault(e => e.Name == path) is { } entry)
        {
            try { path = ModelCatalog.Ensure(entry.Name); }
            catch (ModelFetchException e)
            {
                Console.Error.WriteLine($"vision verify: {e.Message}");
                return 1;
            }
            example = entry.ExampleShape;
        }
        if (!File.Exists(path)) throw new FileNotFoundException($"model '{path}' does not exist (nor is it a catalog name: {string.Join(", ", ModelCatalog.Entries.Select(e => e.Name))}).");
        if (backends.Count == 0) backends.AddRange([Backend.GL, Backend.CL, Backend.CPU]);

        var model = ModelLoader.Load(path);
        var input = model.Inputs.First(i => !model.Initializers.ContainsKey(i.Name));
        if (shape == null && example == null && SymbolicShape.IsSymbolic(input))
            Console.WriteLine($"symbolic input dimensions set to {string.Join(",", SymbolicShape.Of(input))} (--shape overrides)");
        shape ??= input.Dims.All(d => d.IsFixed) || example == null ? SymbolicShape.Of(input) : example;
        var x = image == null ? Tensor.Random(shape, seed, 0f, 1f) : ImageInput(image, shape);
        Console.WriteLine($"{Path.GetFileName(path)}: input '{input.Name}' {Tensor.ShapeString(shape)} from {(image ?? $"seed {seed}")}");

        var expected = path.EndsWith(".tflite", StringComparison.OrdinalIgnoreCase)
            ? new Dictionary<string, Tensor> { [model.Outputs[0].Name] = OpenCvDnn(path, x) }
            : Oracle(path, input.Name, x);
        int passed = 0, failed = 0;
        foreach (var kind in backends.Distinct())
        {
            using var worker = new Worker(model, kind);
            worker.Run(input.Name, x);
            foreach (var (name, want) in expected)
            {
                var got = worker.PeekOutput(name);
                var (abs, rel, ok) = Compare(want, got);
                Console.WriteLine($"{(ok ? "pass" : "FAIL")}  {kind,-3} {name}{Tensor.ShapeString(got.Shape)}: max abs {abs:g3}, max rel {rel:g3}");
                if (ok) passed++; else failed++;
            }
        }
        Console.WriteLine($"{passed} passed, {failed} failed");
        return failed > 0 ? 1 : 0;
    }

    private static (double Abs, double Rel, bool Ok) Compare(Tensor want, Tensor got)
    {
        if (want.Length != got.Length) return (double.PositiveInfinity, double.PositiveInfinity, false);
        double maxAbs = 0, maxRel = 0;
        bool ok = true;
        for (int i = 0; i < want.Length; i++)
        {
            double e = want.Data[i], a = got.Data[i], d = Math.Abs(a - e);
            if (double.IsNaN(d)) d = double.PositiveInfinity;
            maxAbs = Math.Max(maxAbs, d);
            if (d > Atol) maxRel = Math.Max(maxRel, d / Math.Max(Math.Abs(e), 1e-12));
            ok &= d <= Atol + Rtol * Math.Abs(e);
        }
        return (maxAbs, maxRel, ok);
    }

    /// <summary>OpenCV DNN on a .tflite: it wants a channels-first blob and answers NCHW; the model's NHWC meaning is kept here.</summary>
    private static Tensor OpenCvDnn(string path, Tensor nhwc)
    {
        var s = nhwc.Shape;
        if (s.Length != 4) throw new ArgumentException($"OpenCV DNN needs an image input; '{path}' takes {Tensor.ShapeString(s)}.");
        using var net = OpenCvSharp.Dnn.CvDnn.ReadNet(path);
        using var blob = Mat.FromPixelData([s[0], s[3], s[1], s[2]], MatType.CV_32F, Permute(nhwc.Data, s[0], s[1], s[2], s[3], toNchw: true));
        net.SetInput(blob);
        using var output = net.Forward();
        var dims = Enumerable.Range(0, output.Dims).Select(output.Size).ToArray();
        var data = new float[output.Total()];
        System.Runtime.InteropServices.Marshal.Copy(output.Data, data, 0, data.Length);
        return dims.Length != 4 ? new Tensor(dims, data)
            : new Tensor([dims[0], dims[2], dims[3], dims[1]], Permute(data, dims[0], dims[2], dims[3], dims[1], toNchw: false));
    }

    /// <summary>NHWC [n,h,w,c] to NCHW, or NCHW back to NHWC [n,h,w,c].</summary>
    private static float[] Permute(float[] data, int n, int h, int w, int c, bool toNchw)
    {
        var result = new float[data.Length];
        for (int b = 0; b < n; b++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    for (int ch = 0; ch < c; ch++)
                    {
                        int nhwcIndex = ((b * h + y) * w + x) * c + ch, nchwIndex = ((b * c + ch) * h + y) * w + x;
                        if (toNchw) result[nchwIndex] = data[nhwcIndex]; else result[nhwcIndex] = data[nchwIndex];
                    }
        return result;
    }

    private static Dictionary<string, Tensor> Oracle(string path, string inputName, Tensor x)
    {
        if (!path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"no oracle for '{Path.GetExtension(path)}' models: verify compares .onnx with ONNX Runtime and .tflite with OpenCV DNN.");
        using var options = new SessionOptions { IntraOpNumThreads = 2 };
        using var session = new InferenceSession(path, options);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, new DenseTensor<float>(x.Data, x.Shape))]);
        return results.ToDictionary(r => r.Name, r =>
        {
            var t = r.AsTensor<float>();
            return new Tensor(t.Dimensions.ToArray(), t.ToArray());
        });
    }

    /// <summary>An image as the model's input: resized to H x W, RGB in [0, 1], NCHW or NHWC by where the 3 channels sit.</summary>
    public static Tensor ImageInput(string file, int[] shape)
    {
        using var bgr = Cv2.ImRead(file);
        if (bgr.Empty()) throw new IOException($"'{file}' is not an image OpenCV can read.");
        bool nhwc = shape.Length == 4 && shape[3] is 1 or 3 && shape[1] is not (1 or 3);
        int c = nhwc ? shape[3] : shape[1], h = nhwc ? shape[1] : shape[2], w = nhwc ? shape[2] : shape[3];
        using var resized = bgr.Resize(new Size(w, h));
        using var converted = new Mat();
        Cv2.CvtColor(resized, converted, c == 1 ? ColorConversionCodes.BGR2GRAY : ColorConversionCodes.BGR2RGB);
        var pixels = new byte[h * w * c];
        System.Runtime.InteropServices.Marshal.Copy(converted.Data, pixels, 0, pixels.Length);
        var t = new Tensor(shape);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                for (int ch = 0; ch < c; ch++)
                {
                    float v = pixels[(y * w + x) * c + ch] / 255f;
                    t.Data[nhwc ? (y * w + x) * c + ch : (ch * h + y) * w + x] = v;
                }
        return t;
    }
}
