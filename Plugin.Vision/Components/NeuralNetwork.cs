using System.Diagnostics;
using System.Numerics;
using Silk.NET.OpenGL;
using Vision.Backends;
using Vision.Backends.GlCompute;
using Vision.Compile;
using Vision.Engine.Graphics;
using Vision.Engine.Rendering;
using Vision.Models;
using Vision.Runtime;

namespace Vision.Components;

/// <summary>
/// Runs a network on a texture source (a <see cref="CameraSource"/> by default) every <see cref="EveryNFrames"/>
/// frames. Pre-processing is a compute shader that writes the Worker's input: with the GL backend (on the engine's own
/// context) nothing is read back to the host; CL and CPU get explicit copies, counted in <see cref="PipelineStats"/>.
/// <see cref="KernelsPerFrame"/> spreads one inference over several frames. Consumers (<see cref="Segmenter"/>,
/// <see cref="Classifier"/>, <see cref="FeatureMapOverlay"/>) read outputs and kept layers through
/// <see cref="GlBufferOf"/> after <see cref="Prepare"/>.
/// </summary>
public sealed unsafe class NeuralNetwork : Engine.Scenes.Component
{
    private static readonly string[] ActivationOps = ["Relu", "Clip", "LeakyRelu", "HardSwish", "HardSigmoid", "Sigmoid", "Tanh", "PRelu", "Elu"];
    private IComputeBackend? _backend;
    private bool _ownsBackend;
    private GraphicsDevice? _device;
    private string _inputName = "";
    private string _firstOutput = "";
    private int[] _inputShape = [];
    private bool _nhwc;
    private int _channels, _width, _height;
    private DeviceTensor? _input;
    private GpuBuffer? _glInput;
    private float[] _hostInput = [];
    private readonly Dictionary<string, (GpuBuffer Buffer, float[] Host)> _mirrors = new(StringComparer.Ordinal);
    private readonly List<string> _published = [];
    private long _preparedFrame = -1;
    private long _lastSourceVersion = -1;
    private long _framesSinceRun = long.MaxValue / 2;
    private int _cursor = -1;
    private bool _failed;
    private PipelineStats? _stats;

    /// <summary>An .onnx (or .tflite, once its importer is in) file; or set <see cref="Model"/> in code.</summary>
    public string? ModelPath { get; set; }

    public Model? Model { get; set; }

    /// <summary>
    /// gl (the engine's context), cl, cpu or auto: gl on a GPU; cl where GL is a software rasteriser (llvmpipe: cl ran
    /// the segmentation demo at 50-58 fps against gl's 37-40 here) or missing; else cpu.
    /// </summary>
    public string Backend { get; set; } = "auto";

    /// <summary>A backend of your own (shared by several networks); not disposed here.</summary>
    public IComputeBackend? BackendInstance { get; set; }

    /// <summary>Name of the object whose <see cref="ITextureSource"/> feeds the network (default: the scene's first).</summary>
    public string? SourceObject { get; set; }

    public ITextureSource? Source { get; set; }

    /// <summary>Input size when the model's is dynamic (0: from the model).</summary>
    public int InputWidth { get; set; }
    public int InputHeight { get; set; }

    public TensorLayout Layout { get; set; } = TensorLayout.Auto;
    public ImageFit Fit { get; set; } = ImageFit.Stretch;
    public float CropScale { get; set; } = 1f;
    public ColorOrder ColorOrder { get; set; } = ColorOrder.Rgb;

    /// <summary>Pixel values 0..1 are multiplied by this (255 for models that want 0..255), then <see cref="Mean"/> and <see cref="Std"/> apply.</summary>
    public float Range { get; set; } = 1f;
    public Vector3 Mean { get; set; } = Vector3.Zero;
    public Vector3 Std { get; set; } = Vector3.One;
    public bool Invert { get; set; }

    /// <summary>Black and white points (0..1) applied after <see cref="Invert"/>: a contrast stretch.</summary>
    public Vector2 Levels { get; set; } = new(0, 1);

    public Vector3 PadColor { get; set; } = Vector3.Zero;

    public int EveryNFrames { get; set; } = 1;

    /// <summary>Spread one inference over frames, this many kernels a frame (0: the whole network in one frame).</summary>
    public int KernelsPerFrame { get; set; }

    /// <summary>Skip inference when the source has no new frame.</summary>
    public bool SkipUnchanged { get; set; } = true;

    /// <summary>Intermediate values to keep readable (feature maps), comma separated.</summary>
    public string KeepLayers { get; set; } = "";

    /// <summary>When <see cref="KeepLayers"/> is empty: keep this many conv-block outputs spread over the network.</summary>
    public int AutoFeatureLayers { get; set; }

    public Action<string> Log { get; set; } = message => Console.Error.WriteLine(message);

    public Worker? Worker { get; private set; }

    /// <summary>Layers kept readable for feature maps, in network order.</summary>
    public IReadOnlyList<string> FeatureLayers { get; private set; } = [];

    /// <summary>Completed inferences; consumers redo their work when it changes.</summary>
    public long Version { get; private set; }

    /// <summary>Why the network is not running (load or compile failure); null while fine.</summary>
    public string? Error { get; private set; }

    /// <summary>The source rectangle (image uv, y down: x, y, width, height) the input was taken from.</summary>
    public Vector4 CropRect { get; private set; } = new(0, 0, 1, 1);

    public bool IsGlBackend => _backend is GlBackend;

    public string BackendDescription => _backend == null ? "" : $"{_backend.Kind} ({_backend.DeviceName})";

    protected override void Start() => _stats = PipelineStats.Of(Scene!);

    /// <summary>Runs (or continues) this frame's inference once; safe to call from every consumer's OnRender.</summary>
    public void Prepare(GraphicsDevice device)
    {
        long frame = Scene?.Time.FrameCount ?? 0;
        if (frame == _preparedFrame || _failed) return;
        _preparedFrame = frame;
        try
        {
            if (Worker == null) Initialize(device);
            var source = Source ??= FindSource();
            if (source == null) return;
            source.Prepare(device);
            _framesSinceRun++;
            if (_cursor < 0)
            {
                if (source.Texture == null) return;
                if (_framesSinceRun < Math.Max(1, EveryNFrames)) return;
                if (SkipUnchanged && source.Version == _lastSourceVersion) return;
                _lastSourceVersion = source.Version;
                _framesSinceRun = 0;
                Preprocess(device, source.Texture);
                _cursor = 0;
            }
            long t0 = Stopwatch.GetTimestamp();
            int total = Worker!.KernelCount;
            int count = KernelsPerFrame > 0 ? Math.Min(KernelsPerFrame, total - _cursor) : total - _cursor;
            Worker.ExecuteRange(_cursor, count);
            _cursor += count;
            if (_stats is { SyncStages: true }) Finish(device);
            _stats?.Add(PipelineStage.Inference, Stopwatch.GetElapsedTime(t0).TotalMilliseconds, Scene?.Time.FrameCount ?? -1);
            if (_cursor >= total)
            {
                _cursor = -1;
                if (!IsGlBackend) MirrorOutputs(device);
                Version++;
            }
        }
        catch (Exception e) when (e is ModelLoadException or CompileException or ComputeException or BackendUnavailableException
                                       or Vision.Kernels.KernelCompileException or Ops.ShapeException or IOException
                                       or Engine.Graphics.GlException or InvalidOperationException or KeyNotFoundException)
        {
            _failed = true;
            Error = e.Message;
            Log($"[NeuralNetwork] '{ModelPath ?? "model"}' stopped: {e.Message}");
        }
    }

    protected override void OnRender(RenderContext context) => Prepare(context.Device);

    /// <summary>The GL buffer holding an output (default: the first) or kept layer, valid after <see cref="Version"/> changed.</summary>
    public uint GlBufferOf(string? name = null)
    {
        var worker = Worker ?? throw new InvalidOperationException("the network has not started");
        name ??= _firstOutput;
        if (IsGlBackend) return ((IGlBufferHandle)worker.PeekOutputOnDevice(name)).GlBuffer;
        return _mirrors.TryGetValue(name, out var m) ? m.Buffer.Handle
            : throw new KeyNotFoundException($"'{name}' is neither an output nor a kept layer of the network");
    }

    /// <summary>Shape of an output (default: the first) or kept layer.</summary>
    public int[] ShapeOf(string? name = null)
    {
        var worker = Worker ?? throw new InvalidOperationException("the network has not started");
        return worker.PeekOutputOnDevice(name ?? _firstOutput).Shape;
    }

    private ITextureSource? FindSource()
    {
        if (SourceObject != null)
            return Scene!.Find(SourceObject)?.GetComponent<ITextureSource>()
                   ?? throw new InvalidOperationException($"no object '{SourceObject}' with a texture source (e.g. CameraSource) in the scene");
        return Scene!.FindComponent<ITextureSource>();
    }

    private void Initialize(GraphicsDevice device)
    {
        _device = device;
        var model = Model ??= ModelLoader.Load(ModelPath ?? throw new InvalidOperationException("NeuralNetwork needs a ModelPath or a Model"));
        _backend = BackendInstance ?? CreateBackend(device, out _ownsBackend);
        var input = model.Inputs.First(i => !model.Initializers.ContainsKey(i.Name));
        _inputName = input.Name;
        _inputShape = InputShape(input);
        FeatureLayers = ChooseFeatureLayers(model);
        var options = new WorkerOptions { Compile = CompileOptions.Default with { Keep = FeatureLayers.ToArray() } };
        Worker = new Worker(model, _backend, options);
        _input = Worker.InputOnDevice(_inputName, _inputShape);
        _firstOutput = Worker.OutputNames[0];
        if (!IsGlBackend)
        {
            _hostInput = new float[_input.Length];
            _glInput = GpuBuffer.Create(device, BufferTargetARB.ShaderStorageBuffer, (nuint)(_input.Length * sizeof(float)), BufferUsageARB.DynamicCopy);
            foreach (var name in Worker.OutputNames.Concat(FeatureLayers))
            {
                var d = Worker.PeekOutputOnDevice(name);
                var mirror = GpuBuffer.Create(device, BufferTargetARB.ShaderStorageBuffer, (nuint)(Math.Max(d.Length, 1) * sizeof(float)), BufferUsageARB.DynamicDraw);
                _mirrors[name] = (mirror, new float[d.Length]);
            }
        }
        if (_stats != null)
        {
            _stats.Backend = BackendDescription;
            _stats.Model = ModelPath ?? "<model in code>";
        }
        Log($"[NeuralNetwork] {Path.GetFileName(ModelPath ?? "model")}: input '{_inputName}' [{string.Join(",", _inputShape)}] ({(_nhwc ? "NHWC" : "NCHW")}), " +
            $"{Worker.KernelCount} kernels on {BackendDescription}" + (FeatureLayers.Count > 0 ? $", feature layers: {string.Join(", ", FeatureLayers)}" : ""));
    }

    private IComputeBackend CreateBackend(GraphicsDevice device, out bool owns)
    {
        owns = true;
        var kind = BackendFactory.Parse(Backend);
        if (kind == Vision.Backends.Backend.GL) return new GlBackend(device.Context);
        if (kind != Vision.Backends.Backend.Auto) return BackendFactory.Create(kind, Log);
        try
        {
            return BackendFactory.PreferHardware(new GlBackend(device.Context), Log);
        }
        catch (BackendUnavailableException e)
        {
            Log($"[NeuralNetwork] GL compute unavailable ({e.Message}); trying OpenCL, then the CPU");
            return BackendFactory.Create(Vision.Backends.Backend.Auto, Log);
        }
    }

    private int[] InputShape(ValueInfo input)
    {
        var dims = input.Dims.Select(d => d.Value ?? -1).ToArray();
        if (dims.Length != 4) throw new InvalidOperationException($"input '{input.Name}' has rank {dims.Length}; an image input is [1,C,H,W] or [1,H,W,C]");
        dims[0] = 1;
        _nhwc = Layout switch
        {
            TensorLayout.Nhwc => true,
            TensorLayout.Nchw => false,
            _ => dims[3] is 1 or 3 && dims[1] is not (1 or 3),
        };
        int hAxis = _nhwc ? 1 : 2, wAxis = _nhwc ? 2 : 3, cAxis = _nhwc ? 3 : 1;
        if (InputHeight > 0) dims[hAxis] = InputHeight;
        if (InputWidth > 0) dims[wAxis] = InputWidth;
        if (dims[cAxis] < 0) dims[cAxis] = 3;
        if (dims[hAxis] <= 0 || dims[wAxis] <= 0)
            throw new InvalidOperationException($"input '{input.Name}' has a dynamic size [{string.Join(",", input.Dims)}]: set InputWidth and InputHeight");
        if (dims[cAxis] is not (1 or 3)) throw new InvalidOperationException($"input '{input.Name}' has {dims[cAxis]} channels; images have 1 or 3");
        (_height, _width, _channels) = (dims[hAxis], dims[wAxis], dims[cAxis]);
        return dims;
    }

    private IReadOnlyList<string> ChooseFeatureLayers(Model model)
    {
        var named = KeepLayers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (named.Length > 0 || AutoFeatureLayers <= 0) return named;
        // Conv outputs, followed through a single activation so fusion stays possible; evenly spread over the network.
        var consumers = model.Nodes.SelectMany(n => n.Inputs.Select(i => (i, n))).ToLookup(p => p.i, p => p.n);
        var candidates = new List<string>();
        foreach (var node in model.Nodes.Where(n => n.OpType == "Conv"))
        {
            string value = node.Outputs[0];
            var next = consumers[value].ToList();
            if (next.Count == 1 && ActivationOps.Contains(next[0].OpType)) value = next[0].Outputs[0];
            candidates.Add(value);
        }
        if (candidates.Count <= AutoFeatureLayers) return candidates;
        return Enumerable.Range(0, AutoFeatureLayers).Select(i => candidates[(int)((i + 0.5) * candidates.Count / AutoFeatureLayers)]).ToList();
    }

    private void Preprocess(GraphicsDevice device, Texture2D texture)
    {
        long t0 = Stopwatch.GetTimestamp();
        var gl = device.Gl;
        CropRect = ComputeRect(texture.Width, texture.Height);
        var shader = ComponentShaders.Compute(device, "preprocess");
        shader.Use();
        shader.Set("u_source", 0);
        texture.Bind(0);
        gl.Uniform2(shader.Location("u_size"), _width, _height);
        shader.Set("u_channels", _channels);
        shader.Set("u_nhwc", _nhwc ? 1 : 0);
        shader.Set("u_rect", CropRect);
        float sourcePixels = MathF.Max(CropRect.Z * texture.Width / _width, CropRect.W * texture.Height / _height);
        // Box filter of bilinear taps: each tap already averages a 2x2 texel neighbourhood, so one tap per 2 source pixels
        // covers the footprint (a 768-wide frame into 256: 2x2 taps, not 3x3; preprocess 3.6 -> 2 ms on llvmpipe).
        shader.Set("u_taps", Math.Clamp((int)MathF.Ceiling(sourcePixels / 2f), 1, 8));
        shader.Set("u_bgr", ColorOrder == ColorOrder.Bgr ? 1 : 0);
        shader.Set("u_invert", Invert ? 1 : 0);
        shader.Set("u_levels", Levels);
        shader.Set("u_pad", PadColor);
        var std = new Vector3(Std.X == 0 ? 1 : Std.X, Std.Y == 0 ? 1 : Std.Y, Std.Z == 0 ? 1 : Std.Z);
        shader.Set("u_mul", new Vector3(Range) / std);
        shader.Set("u_add", -Mean / std);
        uint target = IsGlBackend ? ((IGlBufferHandle)_input!).GlBuffer : _glInput!.Handle;
        gl.BindBufferBase(BufferTargetARB.ShaderStorageBuffer, 0, target);
        gl.DispatchCompute((uint)((_width + 7) / 8), (uint)((_height + 7) / 8), 1);
        gl.MemoryBarrier(MemoryBarrierMask.ShaderStorageBarrierBit | MemoryBarrierMask.BufferUpdateBarrierBit);
        device.Check("preprocess dispatch");
        if (!IsGlBackend)
        {
            // CL/CPU: the tensor crosses the host explicitly (counted).
            gl.BindBuffer(BufferTargetARB.ShaderStorageBuffer, _glInput!.Handle);
            fixed (float* p = _hostInput) gl.GetBufferSubData(BufferTargetARB.ShaderStorageBuffer, 0, (nuint)(_hostInput.Length * sizeof(float)), p);
            device.Check("glGetBufferSubData(input)");
            _stats?.CountCopy(_hostInput.Length * sizeof(float));
            _backend!.Write(_input!, _hostInput);
            _stats?.CountCopy(_hostInput.Length * sizeof(float));
        }
        else if (_stats is { SyncStages: true }) gl.Finish();
        _stats?.Add(PipelineStage.Preprocess, Stopwatch.GetElapsedTime(t0).TotalMilliseconds, Scene?.Time.FrameCount ?? -1);
    }

    private Vector4 ComputeRect(int textureWidth, int textureHeight)
    {
        float source = (float)textureWidth / textureHeight, target = (float)_width / _height;
        switch (Fit)
        {
            case ImageFit.CenterCrop:
            {
                float w = source > target ? target / source : 1f, h = source > target ? 1f : source / target;
                w *= CropScale;
                h *= CropScale;
                return new Vector4((1 - w) / 2, (1 - h) / 2, w, h);
            }
            case ImageFit.Letterbox:
            {
                float w = source > target ? 1f : target / source, h = source > target ? source / target : 1f;
                return new Vector4((1 - w) / 2, (1 - h) / 2, w, h);
            }
            default:
                return new Vector4(0, 0, 1, 1);
        }
    }

    private void MirrorOutputs(GraphicsDevice device)
    {
        var gl = device.Gl;
        foreach (var (name, (buffer, host)) in _mirrors)
        {
            _backend!.Read(Worker!.PeekOutputOnDevice(name), host);
            _stats?.CountCopy(host.Length * sizeof(float));
            buffer.Update<float>(host);
            _stats?.CountCopy(host.Length * sizeof(float));
        }
        gl.MemoryBarrier(MemoryBarrierMask.ShaderStorageBarrierBit);
    }

    private void Finish(GraphicsDevice device)
    {
        if (IsGlBackend) device.Gl.Finish();
        else _backend!.Finish();
    }

    protected override void OnDestroy()
    {
        Worker?.Dispose();
        Worker = null;
        _glInput?.Dispose();
        foreach (var (buffer, _) in _mirrors.Values) buffer.Dispose();
        _mirrors.Clear();
        if (_ownsBackend) _backend?.Dispose();
        _backend = null;
        _ = _device;
    }
}
