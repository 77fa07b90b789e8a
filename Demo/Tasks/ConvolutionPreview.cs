using System.Diagnostics;
using OpenCvSharp;
using Vision.Backends;
using Vision.Ops;
using Vision.Tensors;

namespace Vision.Demo.Tasks;

/// <summary>
/// The first real demo: one frame from the camera (or a sample video or image), a bank of classic 3x3 filters run as a
/// convolution on the chosen backend, then a 2x2 max pool, and the feature maps saved as a PNG grid.
/// </summary>
public static class ConvolutionPreview
{
    private const string SampleDir = "/usr/share/doc/opencv-doc/examples/data";

    // Sobel x, Sobel y, Laplacian, sharpen: the edge and detail detectors of the course notes' worked examples.
    private static readonly (string Name, float[] Kernel)[] Filters =
    [
        ("sobel-x", [-1, 0, 1, -2, 0, 2, -1, 0, 1]),
        ("sobel-y", [-1, -2, -1, 0, 0, 0, 1, 2, 1]),
        ("laplacian", [0, 1, 0, 1, -4, 1, 0, 1, 0]),
        ("sharpen", [0, -1, 0, -1, 5, -1, 0, -1, 0]),
    ];

    public static int Run(string? input, Backend backendKind, string outDir)
    {
        using var frame = ReadFrame(input, out string source);
        Console.WriteLine($"input: {source} ({frame.Width}x{frame.Height})");
        using var gray = new Mat();
        Cv2.CvtColor(frame, gray, ColorConversionCodes.BGR2GRAY);
        using var small = new Mat();
        double scale = Math.Min(1.0, 640.0 / gray.Width);
        Cv2.Resize(gray, small, new Size((int)(gray.Width * scale), (int)(gray.Height * scale)), 0, 0, InterpolationFlags.Area);

        int height = small.Height, width = small.Width;
        small.GetArray(out byte[] pixels);
        var x = new Tensor([1, 1, height, width], pixels.Select(p => p / 255f).ToArray());
        var weights = new Tensor([Filters.Length, 1, 3, 3], Filters.SelectMany(f => f.Kernel).ToArray());

        using var backend = BackendFactory.Create(backendKind, m => Console.WriteLine(m));
        Console.WriteLine($"backend: {backend.Kind} ({backend.DeviceName})");
        var conv = new Conv2d(pads: Pads.Same(x.Shape[2], x.Shape[3], 3, 3));
        var pool = new Pool2d(PoolKind.Max, 2, 2, 2, 2);
        using var dx = backend.Upload(x);
        using var dw = backend.Upload(weights);
        using var features = backend.Allocate(conv.OutputShape([x.Shape, weights.Shape]));
        using var pooled = backend.Allocate(pool.OutputShape([features.Shape]));
        var timer = Stopwatch.StartNew();
        backend.Execute(conv, [dx, dw, null], features);
        backend.Execute(pool, [features], pooled);
        var result = backend.Download(pooled);
        Console.WriteLine($"conv2d 3x3 x{Filters.Length} + max pool 2x2 on {backend.Kind}: {timer.Elapsed.TotalMilliseconds:F1} ms (first run, includes kernel build)");

        Directory.CreateDirectory(outDir);
        string inputPath = Path.Combine(outDir, "input.png");
        string gridPath = Path.Combine(outDir, "feature_maps.png");
        Cv2.ImWrite(inputPath, small);
        using var grid = Grid(result);
        Cv2.ImWrite(gridPath, grid);
        Console.WriteLine($"wrote {inputPath} and {gridPath} ({string.Join(", ", Filters.Select(f => f.Name))}, each |response| normalised)");
        Console.WriteLine("coming next: live segmentation and classification in a window, with feature-map overlays (./vision demo --task segment|classify).");
        return 0;
    }

    private static Mat ReadFrame(string? input, out string source)
    {
        if (input != null)
        {
            if (int.TryParse(input, out int index)) return Grab(new VideoCapture(index), source = $"camera {index}") ?? throw new IOException($"camera {index} gave no frame: check it is connected and not in use.");
            if (!File.Exists(input)) throw new FileNotFoundException($"input '{input}' does not exist.");
            source = input;
            var image = Cv2.ImRead(input);
            if (!image.Empty()) return image;
            return Grab(new VideoCapture(input), input) ?? throw new IOException($"'{input}' is neither an image nor a video OpenCV can decode.");
        }
        var camera = Grab(new VideoCapture(0), "camera 0");
        if (camera != null) { source = "camera 0"; return camera; }
        Console.WriteLine("no camera found: using the sample video from opencv-doc");
        source = Path.Combine(SampleDir, "vtest.avi");
        return Grab(new VideoCapture(source), source)
            ?? throw new FileNotFoundException($"no camera and no sample video at {source}: install opencv-doc (./vision does) or pass --input FILE.");
    }

    private static Mat? Grab(VideoCapture capture, string what)
    {
        using (capture)
        {
            if (!capture.IsOpened()) return null;
            var frame = new Mat();
            return capture.Read(frame) && !frame.Empty() ? frame : null;
        }
    }

    /// <summary>The channels of [1,C,H,W] side by side in a 2-column grid, each |value| scaled to 0..255.</summary>
    private static Mat Grid(Tensor t)
    {
        int c = t.Shape[1], h = t.Shape[2], w = t.Shape[3], cols = 2, rows = (c + 1) / 2;
        var grid = new Mat(rows * h, cols * w, MatType.CV_8UC1, Scalar.Black);
        for (int ch = 0; ch < c; ch++)
        {
            var plane = t.Data.AsSpan(ch * h * w, h * w);
            float max = 1e-6f;
            foreach (float v in plane) max = Math.Max(max, Math.Abs(v));
            int oy = ch / cols * h, ox = ch % cols * w;
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    grid.Set(oy + y, ox + x, (byte)(Math.Abs(plane[y * w + x]) / max * 255));
        }
        return grid;
    }
}
