using System.Diagnostics;
using System.Numerics;
using System.Text.Json;
using OpenCvSharp;
using Vision.Components;
using Vision.Demo.Scenes;
using Vision.Engine.Core;
using Vision.Engine.Scenes;

namespace Vision.Demo.Tasks;

/// <summary>
/// <c>./vision demo</c>: live segmentation (default) or classification of the camera (else the sample video), built from
/// the plugin's components; <c>--scene stage</c> puts the cut-out person on a billboard in a small 3D scene.
/// Headless with <c>--out DIR</c> it writes DIR/frame_NNNN.png, DIR/demo.avi and DIR/stats.json.
/// </summary>
public static class VisionDemo
{
    public const string StageScene = "stage";
    private const string DataDir = "/usr/share/doc/opencv-doc/examples/data";
    private const string Keys = "keys: Esc quit  S screenshot  H hud  M overlay mode  O overlay on/off\n      F feature maps  L next layer  P next channel page";

    public static int Run(DemoOptions o)
    {
        string task = o.Task ?? "segment";
        if (o.Scene == null && task == "conv")
            return ConvolutionPreview.Run(o.Input, Backends.BackendFactory.Parse(o.Backend ?? "auto"), o.Out ?? "out/demo");
        Scene scene;
        string title;
        if (o.Scene == StageScene)
        {
            scene = SceneLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "Scenes", StageScene + ".json"));
            Configure(scene, o, SelfieModel(o));
            title = "stage";
        }
        else
        {
            scene = task switch
            {
                "segment" => Segment(o),
                "classify" => Classify(o),
                "text" => Text(o),
                _ => throw new DemoOptionsException($"unknown task '{task}'; tasks: segment, classify, text, conv"),
            };
            title = task;
        }
        return RunScene(scene, o, title);
    }

    /// <summary>Selfie segmentation: background replaced, feature maps of an encoder layer in the corner.</summary>
    public static Scene Segment(DemoOptions o)
    {
        var scene = new Scene("segment");
        AddCamera(scene, o, drawOnScreen: false);
        var net = scene.CreateObject("Network");
        var nn = net.AddComponent<NeuralNetwork>();
        nn.ModelPath = SelfieModel(o);
        nn.Backend = o.Backend ?? "auto";
        nn.Fit = ImageFit.Stretch;
        // Every kept layer stays readable, which blocks its fusion and buffer reuse: 3 layers (early, middle, late) cost
        // nothing measurable here, 6 nearly doubled the frame time on llvmpipe (inference 46 -> 80 ms).
        nn.AutoFeatureLayers = 3;
        nn.KernelsPerFrame = o.Spread ?? 0;
        net.AddComponent<Segmenter>();
        var overlay = net.AddComponent<SegmentationOverlay>();
        overlay.Mode = OverlayMode.Replace;
        string background = Path.Combine(DataDir, "starry_night.jpg");
        overlay.BackgroundPath = File.Exists(background) ? background : null;
        var maps = net.AddComponent<FeatureMapOverlay>();
        maps.LayerIndex = 1;
        AddHud(scene);
        return scene;
    }

    /// <summary>The TFLite selfie model from the catalog (npm, fetched once), else the development ONNX in ../shared.</summary>
    private static string SelfieModel(DemoOptions o)
    {
        if (o.Model != null) return DemoModels.Resolve(o.Model, "", "selfie segmentation");
        try
        {
            return Vision.Models.Catalog.ModelCatalog.Ensure("selfie_segmentation");
        }
        catch (Vision.Models.Catalog.ModelFetchException e)
        {
            Console.Error.WriteLine($"[demo] selfie_segmentation.tflite unavailable ({e.Message}); trying the development ONNX model");
            return DemoModels.Resolve(null, "selfie_segmentation.onnx", "selfie segmentation");
        }
    }

    /// <summary>PP-OCRv4: the detector's probability map as a heat map over the frame, and the lines read on the HUD.</summary>
    public static Scene Text(DemoOptions o)
    {
        var scene = new Scene("text");
        AddCamera(scene, o, drawOnScreen: false);
        var sample = Path.Combine(DataDir, "imageTextN.png");
        if (File.Exists(sample)) scene.FindComponent<CameraSource>()!.Fallback = sample;
        var net = scene.CreateObject("Network");
        var nn = net.AddComponent<NeuralNetwork>();
        nn.ModelPath = o.Model ?? Vision.Models.Catalog.ModelCatalog.Ensure("ppocr_det");
        nn.Backend = o.Backend ?? "auto";
        nn.Fit = ImageFit.Stretch;
        nn.InputWidth = 640;
        nn.InputHeight = 480;
        // PaddleOCR's detector: BGR, ImageNet mean and std in that channel order.
        nn.ColorOrder = ColorOrder.Bgr;
        nn.Mean = new Vector3(0.485f, 0.456f, 0.406f);
        nn.Std = new Vector3(0.229f, 0.224f, 0.225f);
        nn.KernelsPerFrame = o.Spread ?? 0;
        nn.AutoFeatureLayers = 4;
        var seg = net.AddComponent<Segmenter>();
        seg.Threshold = 0.3f;
        seg.Smoothing = 0.3f;
        net.AddComponent<SegmentationOverlay>().Mode = OverlayMode.HeatMap;
        var maps = net.AddComponent<FeatureMapOverlay>();
        maps.Visible = false;
        var ocr = net.AddComponent<OcrOverlay>();
        ocr.Backend = o.Backend is "cpu" ? "cpu" : "cl";
        AddHud(scene);
        return scene;
    }

    /// <summary>Digit classification of the centre crop (the trained LeNet-5, else mnist-8; --model/--labels for any classifier).</summary>
    public static Scene Classify(DemoOptions o)
    {
        var scene = new Scene("classify");
        AddCamera(scene, o, drawOnScreen: true);
        var net = scene.CreateObject("Network");
        var nn = net.AddComponent<NeuralNetwork>();
        // The LeNet-5 that `./vision train lenet5 --data digits` writes is the default; mnist-8 (../shared) otherwise.
        string? trained = o.Model == null ? DemoModels.Trained("lenet5-digits.onnx") : null;
        nn.ModelPath = trained ?? DemoModels.Resolve(o.Model, "mnist-8.onnx", "digit classifier (or run ./vision train lenet5 --data digits, about 2 minutes)");
        Console.WriteLine($"classifier: {nn.ModelPath}");
        nn.Backend = o.Backend ?? "auto";
        nn.Fit = ImageFit.CenterCrop;
        nn.AutoFeatureLayers = 4;
        nn.KernelsPerFrame = o.Spread ?? 0;
        if (o.Model == null)
        {
            // mnist-8 wants a white digit on black, 0..255. Image files are taken as they are (the development digits are
            // white on black already); a camera sees dark ink on paper: invert it, stretch the contrast, crop tighter.
            bool live = o.Input == null || int.TryParse(o.Input, out _) || !IsImage(o.Input);
            nn.ColorOrder = ColorOrder.Gray;
            // mnist-8 takes 0..255; the trained LeNet takes 0..1 and normalises inside the model.
            nn.Range = trained != null ? 1f : 255f;
            if (live)
            {
                nn.CropScale = 0.6f;
                nn.Invert = true;
                nn.Levels = new Vector2(0.35f, 0.75f);
            }
        }
        var classifier = net.AddComponent<Classifier>();
        classifier.LabelsPath = o.Labels ?? (trained != null ? Path.ChangeExtension(trained, null) + ".labels.txt" : null);
        net.AddComponent<FeatureMapOverlay>();
        AddHud(scene);
        return scene;
    }

    private static bool IsImage(string path) =>
        Directory.Exists(path) || Path.GetExtension(path).ToLowerInvariant() is ".png" or ".jpg" or ".jpeg" or ".bmp" or ".webp";

    private static void AddCamera(Scene scene, DemoOptions o, bool drawOnScreen)
    {
        var cam = scene.CreateObject("Input").AddComponent<CameraSource>();
        cam.InputPath = o.Input ?? "0";
        cam.DrawOnScreen = drawOnScreen;
        // Headless runs are measurements over a recorded input: every frame in order, none dropped.
        cam.RealTime = !o.Headless;
    }

    private static void AddHud(Scene scene)
    {
        var hud = scene.CreateObject("HUD").AddComponent<StatsHud>();
        hud.Help = Keys;
    }

    /// <summary>Fills what a scene file leaves to the command line: input, backend, model.</summary>
    private static void Configure(Scene scene, DemoOptions o, string model)
    {
        foreach (var go in scene.Objects)
        {
            if (go.GetComponent<CameraSource>() is { } cam)
            {
                if (o.Input != null) cam.InputPath = o.Input;
                cam.RealTime = !o.Headless;
            }
            if (go.GetComponent<NeuralNetwork>() is { } nn)
            {
                nn.ModelPath ??= model;
                if (o.Spread != null) nn.KernelsPerFrame = o.Spread.Value;
                if (o.Backend != null) nn.Backend = o.Backend;
            }
            if (go.GetComponent<StatsHud>() is { } hud && hud.Help.Length == 0) hud.Help = Keys;
        }
    }

    private static int RunScene(Scene scene, DemoOptions o, string title)
    {
        using var app = DemoApplication.Create(o, title, "demo");
        app.Scene = scene;
        if (scene.FindComponent<StatsHud>() is { } hud)
            hud.ExcludedMs = () => app.CaptureStats.Count > 0 ? app.CaptureStats.FrameMs[^1] : 0;
        string outDir = o.Out ?? "out/demo";
        scene.CreateObject("Keys").AddComponent<KeyAction>().Action = () =>
        {
            Directory.CreateDirectory(outDir);
            string path = Path.Combine(outDir, $"screenshot_{DateTime.Now:HHmmss_fff}.png");
            app.RequestScreenshot(path);
            Console.WriteLine($"screenshot: {path}");
        };

        int written = 0;
        if (o.Out != null)
        {
            Directory.CreateDirectory(o.Out);
            app.StartRecording(Path.Combine(o.Out, "demo.avi"), 15);
            app.FrameRendered += a =>
            {
                Cv2.ImWrite(Path.Combine(o.Out, $"frame_{a.Scene.Time.FrameCount:D4}.png"), a.ReadFrame());
                written++;
            };
        }
        var stats = PipelineStats.Of(scene);
        var wall = Stopwatch.StartNew();
        // Steady-state rate: from the first rendered frame on (model load, compile and the first inference excluded).
        double firstFrameAt = -1;
        app.FrameRendered += _ =>
        {
            if (firstFrameAt < 0) firstFrameAt = wall.Elapsed.TotalSeconds;
        };
        var camera = scene.FindComponent<CameraSource>();
        var network = scene.FindComponent<NeuralNetwork>();
        var classifier = scene.FindComponent<Classifier>();
        var ocr = scene.FindComponent<OcrOverlay>();
        app.Run();
        wall.Stop();
        // Components keep their results after the scene is destroyed: read them once, after the run (nothing per frame).
        long inferences = network?.Version ?? 0, captured = camera?.FramesCaptured ?? 0, dropped = camera?.FramesDropped ?? 0;
        string input = camera?.ActiveInput ?? "", classification = "";
        if (classifier is { Version: > 0 }) classification = $"{classifier.BestLabel} ({classifier.BestProbability:P1})";
        if (ocr is { Version: > 0 }) classification = string.Join(" | ", ocr.Lines.Select(l => l.Text));

        long n = app.Stats.Count;
        double fps = n / wall.Elapsed.TotalSeconds;
        double steadyFps = firstFrameAt >= 0 && n > 1 ? (n - 1) / (wall.Elapsed.TotalSeconds - firstFrameAt) : 0;
        double startupMs = Math.Max(0, firstFrameAt) * 1000;
        string mode = app.IsHeadless ? "headless" : "windowed";
        Console.WriteLine($"demo {title}: {n} frames {mode}, {steadyFps:F1} fps after the first frame ({fps:F1} fps wall-clock with " +
                          $"{startupMs / 1000:F1} s start-up), {inferences} inferences on {stats.Backend}");
        Console.WriteLine($"  input {input}; model {stats.Model}");
        foreach (var stage in Enum.GetValues<PipelineStage>())
            Console.WriteLine($"  {stage,-11} median {stats.Percentile(stage, 0.5):F2} ms  p90 {stats.Percentile(stage, 0.9):F2} ms");
        if (classification.Length > 0) Console.WriteLine($"  {(ocr != null ? "text" : "classifier")}: {classification}");
        if (network?.Error is { } error) Console.WriteLine($"  network error: {error}");
        // stats.json always (where the time goes); PNGs and the video only with --out.
        Directory.CreateDirectory(outDir);
        WriteStats(Path.Combine(outDir, "stats.json"), title, mode, app, stats, n, fps, steadyFps, startupMs, written, inferences, captured, dropped,
            input, classification);
        Console.WriteLine(o.Out != null ? $"  wrote {written} PNGs, demo.avi and stats.json to {o.Out}" : $"  wrote {Path.Combine(outDir, "stats.json")}");
        return network?.Error == null ? 0 : 1;
    }

    private static void WriteStats(string path, string task, string mode, Application app, PipelineStats stats, long frames, double fps,
        double steadyFps, double startupMs, int pngs, long inferences, long captured, long dropped, string input, string classification)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("task", task);
        json.WriteString("mode", mode);
        json.WriteNumber("frames", frames);
        json.WriteNumber("fps", Math.Round(fps, 2));
        json.WriteNumber("steadyFps", Math.Round(steadyFps, 2));
        json.WriteNumber("startupMs", Math.Round(startupMs, 1));
        json.WriteString("backend", stats.Backend);
        json.WriteString("model", stats.Model);
        json.WriteString("input", input);
        json.WriteString("device", app.Context.Description);
        json.WriteNumber("width", app.Width);
        json.WriteNumber("height", app.Height);
        json.WriteNumber("inferences", inferences);
        json.WriteNumber("framesCaptured", captured);
        json.WriteNumber("framesDropped", dropped);
        json.WriteNumber("hostCopies", stats.HostCopies);
        json.WriteNumber("hostCopyBytes", stats.HostCopyBytes);
        json.WriteNumber("pngFrames", pngs);
        if (classification.Length > 0) json.WriteString("classification", classification);
        json.WriteStartObject("stages");
        foreach (var stage in Enum.GetValues<PipelineStage>())
        {
            json.WriteStartObject(stage.ToString().ToLowerInvariant());
            json.WriteNumber("medianMs", Math.Round(stats.Percentile(stage, 0.5), 3));
            json.WriteNumber("p90Ms", Math.Round(stats.Percentile(stage, 0.9), 3));
            json.WriteNumber("samples", stats.Count(stage));
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteString("note", "fps = frames / wall-clock seconds (start-up, PNG and video writing included); steadyFps = frames after the first / seconds since the first frame; startupMs = run start to the first frame; stages timed with a GPU finish after each (PipelineStats.SyncStages); frame = engine frame without PNG/video capture; render = frame minus the measured stages; capture runs on its own thread; first 5 samples skipped");
        json.WriteEndObject();
    }
}
