using OpenCvSharp;
using Vision.Backends;
using Vision.Models;
using Vision.Models.Catalog;
using Vision.Runtime;
using Tensor = Vision.Tensors.Tensor;

namespace Vision.Text;

/// <summary>
/// Reads text lines from an image with PP-OCRv4 (named OcrReader, not TextReader, so it never clashes with System.IO.TextReader) (catalog models ppocr_det and ppocr_rec, fetched on first use):
/// <code>using var reader = new OcrReader(Backend.GL);
/// foreach (var line in reader.Read(Cv2.ImRead("sign.jpg"))) Console.WriteLine(line.Text);</code>
/// Detection runs at the image's size rounded to multiples of 32 (longest side capped at <see cref="MaxSide"/>), its
/// probability map is thresholded and split into connected components, each box grown back by the models' unclip ratio;
/// each box is cropped, scaled to height 48 and recognized (the Worker re-plans for each new width), then CTC-decoded.
/// Pre-processing follows PaddleOCR: BGR channel order, ImageNet mean/std for detection, [-1, 1] for recognition.
/// </summary>
public sealed class OcrReader : IDisposable
{
    private static readonly float[] DetMean = [0.485f, 0.456f, 0.406f], DetStd = [0.229f, 0.224f, 0.225f];
    private readonly Worker _det, _rec;
    private readonly IReadOnlyList<string> _keys;
    private readonly IComputeBackend? _ownedBackend;

    /// <summary>Longest side the detector sees; larger images are scaled down.</summary>
    public int MaxSide { get; init; } = 960;

    /// <summary>Probability above which a pixel belongs to text (PaddleOCR det_db_thresh).</summary>
    public float Threshold { get; init; } = 0.3f;

    /// <summary>Mean probability a component needs to count as text (det_db_box_thresh).</summary>
    public float BoxThreshold { get; init; } = 0.6f;

    /// <summary>How far a detected region is grown: area * ratio / perimeter pixels (det_db_unclip_ratio).</summary>
    public float UnclipRatio { get; init; } = 1.5f;

    /// <summary>Uses the catalog models (fetching them when missing) on a backend of this kind.</summary>
    /// <exception cref="ModelFetchException">The models are not cached and cannot be fetched.</exception>
    public OcrReader(Backend backend = Backend.Auto)
        : this(ModelLoader.Load(ModelCatalog.Ensure("ppocr_det")), ModelLoader.Load(ModelCatalog.Ensure("ppocr_rec")),
            ReadKeys(ModelCatalog.PathOf("ppocr_rec", "ppocr_keys_v1.txt")), backend) { }

    /// <summary>Both models on one backend of this kind, owned (and disposed) by the reader.</summary>
    public OcrReader(Model detector, Model recognizer, IReadOnlyList<string> keys, Backend backend)
        : this(detector, recognizer, keys, BackendFactory.Create(backend)) => _ownedBackend = _det.Backend;

    /// <summary>Both models on a shared backend (not disposed here).</summary>
    public OcrReader(Model detector, Model recognizer, IReadOnlyList<string> keys, IComputeBackend backend)
    {
        _det = new Worker(detector, backend);
        _rec = new Worker(recognizer, backend);
        _keys = keys;
    }

    /// <summary>The character list: one entry per line (the file's last line may lack a newline).</summary>
    public static IReadOnlyList<string> ReadKeys(string path)
    {
        var lines = File.ReadAllText(path).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    /// <summary>
    /// Text lines of a BGR (8-bit, 3-channel) image, top to bottom. The detector finds words; words side by side on one
    /// line are read one by one (each cropped up to the middle of the gap to its neighbours, so grown boxes do not bleed
    /// into each other) and joined with a space.
    /// </summary>
    public IReadOnlyList<TextLine> Read(Mat bgr)
    {
        if (bgr.Empty() || bgr.Type() != MatType.CV_8UC3) throw new ArgumentException("expected a non-empty 8-bit BGR image (CV_8UC3).", nameof(bgr));
        var lines = new List<TextLine>();
        foreach (var words in GroupLines(Detect(bgr)).OrderBy(l => l[0].Y / 16).ThenBy(l => l[0].X))
        {
            var texts = new List<string>();
            float confidence = 0;
            for (int i = 0; i < words.Count; i++)
            {
                var box = words[i];
                int left = i > 0 ? Math.Max(box.Left, (words[i - 1].Right + box.Left) / 2) : box.Left;
                int right = i + 1 < words.Count ? Math.Min(box.Right, (box.Right + words[i + 1].Left) / 2) : box.Right;
                if (right - left < 2) continue;
                using var crop = new Mat(bgr, new Rect(left, box.Top, right - left, box.Height));
                var (text, c) = Recognize(crop);
                if (text.Trim().Length == 0) continue;
                texts.Add(text.Trim());
                confidence += c;
            }
            if (texts.Count > 0)
                lines.Add(new TextLine(words.Aggregate((a, b) => a.Union(b)), string.Join(" ", texts), confidence / texts.Count));
        }
        return lines;
    }

    /// <summary>Boxes of text regions in image pixels.</summary>
    public IReadOnlyList<Rect> Detect(Mat bgr)
    {
        double scale = Math.Min(1.0, (double)MaxSide / Math.Max(bgr.Width, bgr.Height));
        int h = Math.Max(32, (int)Math.Round(bgr.Height * scale / 32) * 32), w = Math.Max(32, (int)Math.Round(bgr.Width * scale / 32) * 32);
        using var resized = bgr.Resize(new Size(w, h));
        var x = new Tensor([1, 3, h, w]);
        for (int y = 0; y < h; y++)
            for (int i = 0; i < w; i++)
            {
                var p = resized.At<Vec3b>(y, i);
                for (int c = 0; c < 3; c++) x.Data[(c * h + y) * w + i] = (p[c] / 255f - DetMean[c]) / DetStd[c];
            }
        _det.Run(x);
        var map = _det.PeekOutput();
        return Boxes(map, Threshold, BoxThreshold, UnclipRatio, bgr.Width / (double)w, bgr.Height / (double)h, bgr.Width, bgr.Height);
    }

    /// <summary>
    /// Groups word boxes into lines, each ordered left to right: boxes that overlap vertically by half their height and
    /// are less than a line height apart horizontally belong to one line.
    /// </summary>
    public static IReadOnlyList<List<Rect>> GroupLines(IReadOnlyList<Rect> boxes)
    {
        var lines = new List<List<Rect>>();
        foreach (var box in boxes.OrderBy(b => b.X))
        {
            var line = lines.FirstOrDefault(l =>
            {
                var last = l[^1];
                int overlap = Math.Min(last.Bottom, box.Bottom) - Math.Max(last.Top, box.Top);
                return overlap >= Math.Min(last.Height, box.Height) / 2 && box.X - last.Right < Math.Max(last.Height, box.Height);
            });
            if (line == null) lines.Add([box]);
            else line.Add(box);
        }
        return lines;
    }

    /// <summary>
    /// Text boxes from a probability map [1,1,H,W]: pixels above <paramref name="threshold"/>, 8-connected components
    /// whose mean probability reaches <paramref name="boxThreshold"/>, each bounding box grown by area * unclip / perimeter
    /// and scaled to the image.
    /// </summary>
    public static IReadOnlyList<Rect> Boxes(Tensor map, float threshold, float boxThreshold, float unclip, double sx, double sy, int imageW, int imageH)
    {
        int h = map.Shape[^2], w = map.Shape[^1];
        using var binary = new Mat(h, w, MatType.CV_8UC1, Scalar.All(0));
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                if (map.Data[y * w + x] > threshold) binary.Set(y, x, (byte)255);
        using var labels = new Mat();
        using var stats = new Mat();
        using var centroids = new Mat();
        int n = Cv2.ConnectedComponentsWithStats(binary, labels, stats, centroids, PixelConnectivity.Connectivity8, MatType.CV_32S);
        var sums = new double[n];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                sums[labels.At<int>(y, x)] += map.Data[y * w + x];
        var boxes = new List<Rect>();
        for (int label = 1; label < n; label++)
        {
            int bx = stats.At<int>(label, (int)ConnectedComponentsTypes.Left), by = stats.At<int>(label, (int)ConnectedComponentsTypes.Top);
            int bw = stats.At<int>(label, (int)ConnectedComponentsTypes.Width), bh = stats.At<int>(label, (int)ConnectedComponentsTypes.Height);
            int area = stats.At<int>(label, (int)ConnectedComponentsTypes.Area);
            if (bw < 3 || bh < 3 || sums[label] / area < boxThreshold) continue;
            double grow = bw * bh * unclip / (2.0 * (bw + bh));
            int x0 = Math.Clamp((int)Math.Floor((bx - grow) * sx), 0, imageW - 1), y0 = Math.Clamp((int)Math.Floor((by - grow) * sy), 0, imageH - 1);
            int x1 = Math.Clamp((int)Math.Ceiling((bx + bw + grow) * sx), x0 + 1, imageW), y1 = Math.Clamp((int)Math.Ceiling((by + bh + grow) * sy), y0 + 1, imageH);
            boxes.Add(new Rect(x0, y0, x1 - x0, y1 - y0));
        }
        return boxes;
    }

    /// <summary>Reads one cropped line: scaled to height 48 (width by aspect ratio), values in [-1, 1], CTC-decoded.</summary>
    public (string Text, float Confidence) Recognize(Mat crop)
    {
        const int height = 48;
        int w = Math.Max(8, (int)Math.Ceiling(crop.Width * (double)height / crop.Height));
        using var resized = crop.Resize(new Size(w, height));
        var x = new Tensor([1, 3, height, w]);
        for (int y = 0; y < height; y++)
            for (int i = 0; i < w; i++)
            {
                var p = resized.At<Vec3b>(y, i);
                for (int c = 0; c < 3; c++) x.Data[(c * height + y) * w + i] = (p[c] / 255f - 0.5f) / 0.5f;
            }
        _rec.Run(x);
        return CtcDecoder.Decode(_rec.PeekOutput(), _keys);
    }

    public void Dispose()
    {
        _det.Dispose();
        _rec.Dispose();
        _ownedBackend?.Dispose();
    }
}
