using Vision.Backends;
using Vision.Compile;
using Vision.Models;
using Vision.Tensors;

namespace Vision.Runtime;

/// <summary>
/// Runs a <see cref="Model"/> on one backend and owns the device memory for it:
/// <code>
/// var model = ModelLoader.Load(path);
/// using var worker = new Worker(model, Backend.GL);
/// worker.Run(input);
/// Tensor y = worker.PeekOutput();
/// </code>
/// The model is compiled for the first input's shapes (and again when they change). Weights are uploaded once; values
/// share device buffers by liveness; a run queues every kernel as one submission and reads nothing back until asked.
/// </summary>
public sealed class Worker : IDisposable
{
    private readonly Model _model;
    private readonly WorkerOptions _options;
    private readonly bool _ownsBackend;
    private readonly List<DeviceTensor> _storage = [];
    private readonly Dictionary<string, DeviceTensor> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _readable = new(StringComparer.Ordinal);
    private PreparedKernel[] _kernels = [];
    private Dictionary<string, Tensor> _constantInputs = new(StringComparer.Ordinal);
    private readonly string? _firstInput;
    private readonly HashSet<string> _foldedFloatInputs = new(StringComparer.Ordinal);
    private bool _disposed;

    public IComputeBackend Backend { get; }
    public ExecutionPlan? Plan { get; private set; }

    /// <summary>How many times the model was (re)compiled: once, plus once per change of input shapes.</summary>
    public int CompileCount { get; private set; }

    public Worker(Model model, Backend backend = Vision.Backends.Backend.Auto, WorkerOptions? options = null)
        : this(model, BackendFactory.Create(backend), options, ownsBackend: true) { }

    /// <summary>A worker on a backend shared with others (the engine's GL context); the backend is not disposed here.</summary>
    public Worker(Model model, IComputeBackend backend, WorkerOptions? options = null)
        : this(model, backend, options, ownsBackend: false) { }

    private Worker(Model model, IComputeBackend backend, WorkerOptions? options, bool ownsBackend)
    {
        _model = model;
        _options = options ?? WorkerOptions.Default;
        Backend = backend;
        _ownsBackend = ownsBackend;
        _firstInput = InputNames.Count > 0 ? InputNames[0] : null;
        if (_options.InputShapes != null) Replan(_options.InputShapes);
    }

    /// <summary>Names of the model's inputs that take data at run time.</summary>
    public IReadOnlyList<string> InputNames => _model.Inputs.Where(i => !_model.Initializers.ContainsKey(i.Name)).Select(i => i.Name).ToList();

    public IReadOnlyList<string> OutputNames => _model.Outputs.Select(o => o.Name).ToList();

    /// <summary>Runs on one input (the model's first). After the first run with a shape, a run allocates nothing on GL and CL.</summary>
    public void Run(Tensor input) => Run(_firstInput ?? throw new InvalidOperationException("the model has no inputs"), input);

    public void Run(string inputName, Tensor input)
    {
        EnsurePlan(inputName, input.Shape);
        Backend.Write(_values[inputName], input.Data);
        Execute();
    }

    /// <summary>
    /// Runs on several inputs. Int64 inputs (indices, shapes) are compiled in as constants: a change of their values
    /// re-plans, like a change of shapes.
    /// </summary>
    public void Run(IReadOnlyDictionary<string, Tensor> inputs)
    {
        // Int64 inputs, and float inputs an op needs as parameters (a Pad's constant value), are compiled in as constants.
        bool Folded(string name, Tensor t) => t.ElementType == ElementType.Int64 || _foldedFloatInputs.Contains(name);
        var constants = inputs.Where(kv => Folded(kv.Key, kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value);
        bool sameConstants = constants.Count == _constantInputs.Count && constants.All(kv =>
            _constantInputs.TryGetValue(kv.Key, out var old) && SameValues(old, kv.Value));
        var runtime = inputs.Where(kv => !Folded(kv.Key, kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value);
        if (Plan == null || !sameConstants || runtime.Any(kv => !_values.TryGetValue(kv.Key, out var d) || !d.Shape.AsSpan().SequenceEqual(kv.Value.Shape)))
        {
            _constantInputs = constants;
            try
            {
                Replan(runtime.ToDictionary(kv => kv.Key, kv => kv.Value.Shape));
            }
            catch (CompileException e) when (e.NeedsConstant is { } name && runtime.ContainsKey(name) && _foldedFloatInputs.Add(name))
            {
                Run(inputs);
                return;
            }
        }
        foreach (var (name, t) in runtime) Backend.Write(_values[name], t.Data);
        Execute();
    }

    private static bool SameValues(Tensor a, Tensor b) =>
        a.ElementType == b.ElementType && a.Shape.AsSpan().SequenceEqual(b.Shape) &&
        (a.ElementType == ElementType.Int64 ? a.Longs.AsSpan().SequenceEqual(b.Longs) : a.Data.AsSpan().SequenceEqual(b.Data));

    /// <summary>
    /// The device tensor of an input, for writing it on the device (a GPU pre-processing pass) and then calling
    /// <see cref="Execute"/>: no host copy in the render loop.
    /// </summary>
    public DeviceTensor InputOnDevice(string name, int[] shape)
    {
        EnsurePlan(name, shape);
        return _values[name];
    }

    /// <summary>Queues every kernel of the plan on the current inputs (one submission; nothing is read back).</summary>
    public void Execute()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Plan == null) throw new InvalidOperationException("no inputs yet: call Run(input) or InputOnDevice(name, shape) first");
        Backend.Dispatch(_kernels, 0, _kernels.Length);
    }

    /// <summary>
    /// Runs the plan's kernels one at a time on the current inputs and returns each one's device time in milliseconds,
    /// in the order of <see cref="ExecutionPlan.Steps"/> (for profiles; it serialises the submission).
    /// </summary>
    public double[] Profile()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Plan == null) throw new InvalidOperationException("no inputs yet: call Run(input) or InputOnDevice(name, shape) first");
        if (Backend is not IKernelProfiler profiler)
            throw new NotSupportedException($"the {Backend.Kind} backend cannot time kernels one by one.");
        var milliseconds = new double[_kernels.Length];
        profiler.Profile(_kernels, 0, _kernels.Length, milliseconds);
        return milliseconds;
    }

    /// <summary>Reads an output (default: the first) or a kept intermediate back to the host.</summary>
    public Tensor PeekOutput(string? name = null)
    {
        var d = PeekOutputOnDevice(name);
        var t = new Tensor((int[])d.Shape.Clone());
        Backend.Read(d, t.Data);
        return t;
    }

    /// <summary>The device tensor of an output or kept intermediate: valid until the next run, never read back.</summary>
    public DeviceTensor PeekOutputOnDevice(string? name = null)
    {
        var plan = Plan ?? throw new InvalidOperationException("no run yet: call Run(input) first");
        name ??= plan.Outputs[0];
        if (_readable.Contains(name) && _values.TryGetValue(name, out var d)) return d;
        if (plan.Shapes.ContainsKey(name))
            throw new KeyNotFoundException($"'{name}' is an intermediate value whose memory is reused; list it in WorkerOptions.Compile.Keep to read it.");
        throw new KeyNotFoundException($"the model has no value named '{name}'.");
    }

    private void EnsurePlan(string name, int[] shape)
    {
        if (Plan != null && _values.TryGetValue(name, out var d) && Plan.Inputs.Contains(name) && d.Shape.AsSpan().SequenceEqual(shape)) return;
        var shapes = Plan == null ? new Dictionary<string, int[]>() : Plan.Inputs.ToDictionary(i => i, i => _values[i].Shape);
        shapes[name] = shape;
        Replan(shapes);
    }

    private void Replan(IReadOnlyDictionary<string, int[]> inputShapes)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ReleaseDeviceMemory();
        var plan = GraphCompiler.Compile(_model, inputShapes, _options.Compile, _constantInputs);
        var kept = _options.Compile.KeepAll ? plan.Shapes.Keys.ToList() : _options.Compile.Keep.ToList();
        var memory = MemoryPlan.Build(plan, reuse: !_options.Compile.KeepAll, kept);
        foreach (int size in memory.SlotSizes) _storage.Add(Backend.Allocate([size]));
        foreach (var (value, slot) in memory.SlotOf) _values[value] = Backend.View(_storage[slot], plan.Shapes[value]);
        foreach (var (name, constant) in plan.Constants)
        {
            var d = Backend.Allocate((int[])constant.Shape.Clone());
            Backend.Write(d, constant.ElementType == ElementType.Float32 ? constant.Data : constant.Longs.Select(v => (float)v).ToArray());
            _storage.Add(d);
            _values[name] = d;
        }
        foreach (var (alias, _) in plan.Aliases)
        {
            var root = plan.Root(alias);
            if (_values.TryGetValue(root, out var storage)) _values[alias] = Backend.View(storage, plan.Shapes[alias]);
        }
        // Readable after a run: values whose storage is never handed on (outputs, kept values, constants) and their views.
        var readableRoots = plan.Outputs.Concat(kept).Select(plan.Root).Concat(plan.Constants.Keys).ToHashSet(StringComparer.Ordinal);
        foreach (var v in _values.Keys)
            if (readableRoots.Contains(plan.Root(v))) _readable.Add(v);
        _kernels = plan.Steps.Select(s => Backend.Prepare(s.Op, s.Inputs.Select(i => i == null ? null : _values[i]).ToArray(), _values[s.Output])).ToArray();
        Plan = plan;
        CompileCount++;
    }

    private void ReleaseDeviceMemory()
    {
        foreach (var v in _values.Values) v.Dispose();
        foreach (var s in _storage) s.Dispose();
        _values.Clear();
        _readable.Clear();
        _storage.Clear();
        _kernels = [];
        Plan = null;
    }

    public void Dispose()
    {
        if (_disposed) return;
        ReleaseDeviceMemory();
        _disposed = true;
        if (_ownsBackend) Backend.Dispose();
    }
}
