using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OpenCvSharp;
using Vision.Backends;
using Vision.Models;
using Vision.Runtime;
using Tensor = Vision.Tensors.Tensor;

namespace Vision.Demo.Cli;

/// <summary>
/// <c>./vision verify MODEL [--backend gl,cl,cpu|all] [--image FILE] [--seed N] [--shape 1,3,H,W]</c>: runs the model on
/// Vision's backends and on ONNX Runtime with the same input and reports, per output and backend, the max abs and rel
/// error. Passes when |ours - ort| &lt;= atol + rtol * |ort| everywhere.
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
        if (!File.Exists(path)) throw new FileNotFoundException($"model '{path}' does not exist.");
        if (backends.Count == 0) backends.AddRange([Backend.GL, Backend.CL, Backend.CPU]);

        var model = ModelLoader.Load(path);
        var input = model.Inputs.First(i => !model.Initializers.ContainsKey(i.Name));
        shape ??= input.Dims.Select(d => d.Value ?? 1).ToArray();
        var x = image == null ? Tensor.Random(shape, seed, 0f, 1f) : ImageInput(image, shape);
        Console.WriteLine($"{Path.GetFileName(path)}: input '{input.Name}' {Tensor.ShapeString(shape)} from {(image ?? $"seed {seed}")}");

        var expected = Oracle(path, input.Name, x);
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

    private static Dictionary<string, Tensor> Oracle(string path, string inputName, Tensor x)
    {
        if (!path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"no oracle for '{Path.GetExtension(path)}' models yet: verify compares .onnx with ONNX Runtime.");
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
