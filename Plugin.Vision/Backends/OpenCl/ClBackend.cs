using Silk.NET.OpenCL;
using Vision.Kernels;
using Vision.Ops;
using Vision.Tensors;

namespace Vision.Backends.OpenCl;

/// <summary>
/// The OpenCL backend: each op runs its <c>Shaders/&lt;op&gt;.cl</c> kernel on one in-order queue. Programs are built
/// once per op variant and cached. Thread-safe for one caller at a time (calls are serialised by a lock).
/// </summary>
public sealed unsafe class ClBackend : IComputeBackend, IKernelProfiler
{
    public const int LocalSize = 64;

    private readonly ClDevice _device;
    private readonly ClCompiler _compiler;
    private readonly Dictionary<string, ClProgram> _programs = new();
    private readonly ClBuffer _dummy;
    private readonly Lock _lock = new();
    private bool _disposed;

    public Backend Kind => Backend.CL;
    public string DeviceName => _device.Name;

    /// <param name="platform">Platform index (clinfo's order); null picks a GPU if any, else the first device.</param>
    /// <param name="device">Device index within the platform.</param>
    public ClBackend(int? platform = null, int? device = null)
    {
        _device = new ClDevice(platform, device);
        _compiler = new ClCompiler(_device);
        _dummy = new ClBuffer(_device, [1], 1);
    }

    public DeviceTensor Allocate(int[] shape)
    {
        lock (_lock) return new ClBuffer(_device, shape, Tensor.ShapeLength(shape));
    }

    public void Write(DeviceTensor destination, ReadOnlySpan<float> source)
    {
        var b = Own(destination);
        if (source.Length != b.Length) throw new ArgumentException($"cl: writing {source.Length} floats into a tensor of {b.Length}.");
        if (source.Length == 0) return;  // OpenCL rejects a transfer of 0 bytes (CL_INVALID_VALUE)
        lock (_lock)
            fixed (float* p = source)
                ClErrors.Check(_device.Api.EnqueueWriteBuffer(_device.Queue, b.Handle, true, 0, (nuint)source.Length * sizeof(float), p, 0, null, null), "clEnqueueWriteBuffer");
    }

    public void Read(DeviceTensor source, Span<float> destination)
    {
        var b = Own(source);
        if (destination.Length != b.Length) throw new ArgumentException($"cl: reading a tensor of {b.Length} floats into {destination.Length}.");
        if (destination.Length == 0)
        {
            Finish();  // nothing to copy (OpenCL rejects a 0-byte read), but a read still waits for queued work
            return;
        }
        lock (_lock)
            fixed (float* p = destination)
                ClErrors.Check(_device.Api.EnqueueReadBuffer(_device.Queue, b.Handle, true, 0, (nuint)destination.Length * sizeof(float), p, 0, null, null), "clEnqueueReadBuffer");
    }

    public DeviceTensor View(DeviceTensor storage, int[] shape)
    {
        var b = Own(storage);
        if (Tensor.ShapeLength(shape) > b.Capacity) throw new ArgumentException($"cl: view {Tensor.ShapeString(shape)} exceeds {b.Capacity} elements.");
        return new ClBuffer(b, shape);
    }

    public PreparedKernel Prepare(Op op, IReadOnlyList<DeviceTensor?> inputs, DeviceTensor output)
    {
        inputs = PreparedKernel.Slots(op, inputs);
        var shapes = inputs.Select(t => t?.Shape).ToArray();
        var buffers = inputs.Select(t => t == null ? _dummy : Own(t)).Append(Own(output)).ToArray();
        // Pure data movement in a few long runs: clEnqueueCopyBuffer (PoCL: a memcpy each) instead of a kernel.
        if (op.Copies(shapes, output.Shape) is { } copies) return new ClCopyKernel(op, inputs, output, buffers, [.. copies]);
        var launch = op.Launch(shapes, output.Shape);
        if (_device.IsCpu && launch.OpenClCpu != null) launch = launch.OpenClCpu;
        lock (_lock) return new ClKernel(op, inputs, output, Program(launch), buffers, launch);
    }

    public void Dispatch(PreparedKernel[] kernels, int start, int count)
    {
        lock (_lock)
            for (int i = start; i < start + count; i++)
                Enqueue(kernels[i], _device.Queue, null);
    }

    /// <summary>
    /// Queues a prepared op: a kernel (its arguments set), or a copy kernel's copies. When not null, <paramref name="done"/>
    /// receives the event of its last command and <paramref name="first"/> that of its first when it queued several (else
    /// 0): profiling reads the start of the one and the end of the other.
    /// </summary>
    private void Enqueue(PreparedKernel prepared, nint queue, nint* done, nint* first = null)
    {
        if (prepared is ClCopyKernel copy)
        {
            EnqueueCopies(copy, queue, done, first);
            return;
        }
        var k = (ClKernel)prepared;
        if (k.Items == 0) return;
        var api = _device.Api;
        nint kernel = k.Program.Kernel;
        // Kernel objects are shared by every use of a variant, so arguments are set at each launch.
        uint arg = 0;
        foreach (var b in k.Buffers)
        {
            nint h = b.Handle;
            Check(api.SetKernelArg(kernel, arg++, (nuint)sizeof(nint), &h), "clSetKernelArg", k);
        }
        var prm = k.Params;
        Check(api.SetKernelArg(kernel, arg, (nuint)sizeof(ClParams), &prm), "clSetKernelArg(params)", k);
        nuint local = LocalSize;
        nuint global = (nuint)((k.Items + LocalSize - 1) / LocalSize * LocalSize);
        Check(api.EnqueueNdrangeKernel(queue, kernel, 1, null, &global, &local, 0, null, done), "clEnqueueNDRangeKernel", k);
    }

    private void EnqueueCopies(ClCopyKernel k, nint queue, nint* done, nint* first)
    {
        var api = _device.Api;
        nint destination = k.Buffers[^1].Handle;
        int last = k.Copies.Length - 1;
        for (int i = 0; i <= last; i++)
        {
            var c = k.Copies[i];
            // The queue runs the copies in order: the first one's event marks the start, the last one's the end.
            nint* ev = i == last ? done : i == 0 ? first : null;
            Check(api.EnqueueCopyBuffer(queue, k.Buffers[c.Input].Handle, destination, (nuint)(c.Source * sizeof(float)),
                (nuint)(c.Destination * sizeof(float)), (nuint)(c.Length * sizeof(float)), 0, null, ev), "clEnqueueCopyBuffer", k);
        }
    }

    /// <summary>ClErrors.Check without building the op's name unless the call failed (the launch path allocates nothing).</summary>
    private static void Check(int status, string call, PreparedKernel k)
    {
        if (status != 0) ClErrors.Check(status, call, k.Op.Name);
    }

    public void Profile(PreparedKernel[] kernels, int start, int count, Span<double> milliseconds)
    {
        lock (_lock)
        {
            var api = _device.Api;
            ClErrors.Check(api.Finish(_device.Queue), "clFinish");
            nint queue = _device.ProfilingQueue;
            var events = new nint[count];
            var firsts = new nint[count];
            for (int i = 0; i < count; i++)
                fixed (nint* e = &events[i], f = &firsts[i]) Enqueue(kernels[start + i], queue, e, f);
            ClErrors.Check(api.Finish(queue), "clFinish(profiling queue)");
            for (int i = 0; i < count; i++)
            {
                if (events[i] == 0) { milliseconds[i] = 0; continue; }
                ulong begin, end;
                // Several commands (a copy kernel's copies): from the first one's start to the last one's end.
                nint startEvent = firsts[i] != 0 ? firsts[i] : events[i];
                ClErrors.Check(api.GetEventProfilingInfo(startEvent, ProfilingInfo.Start, sizeof(ulong), &begin, null), "clGetEventProfilingInfo");
                ClErrors.Check(api.GetEventProfilingInfo(events[i], ProfilingInfo.End, sizeof(ulong), &end, null), "clGetEventProfilingInfo");
                api.ReleaseEvent(events[i]);
                if (firsts[i] != 0) api.ReleaseEvent(firsts[i]);
                milliseconds[i] = (end - begin) / 1e6;
            }
        }
    }

    /// <summary>An op run as buffer copies (<see cref="Op.Copies"/>): the input buffers, the output last.</summary>
    private sealed class ClCopyKernel(Op op, IReadOnlyList<DeviceTensor?> inputs, DeviceTensor output, ClBuffer[] buffers, BlockCopy[] copies)
        : PreparedKernel(op, CheckShapes(op, inputs, output))
    {
        public ClBuffer[] Buffers { get; } = buffers;
        public BlockCopy[] Copies { get; } = copies;
    }

    private sealed class ClKernel(Op op, IReadOnlyList<DeviceTensor?> inputs, DeviceTensor output, ClProgram program, ClBuffer[] buffers, KernelLaunch launch)
        : PreparedKernel(op, CheckShapes(op, inputs, output))
    {
        public ClProgram Program { get; } = program;
        public ClBuffer[] Buffers { get; } = buffers;
        public ClParams Params { get; } = ClParams.From(launch);
        public int Items { get; } = launch.Items;
    }

    private ClProgram Program(KernelLaunch launch)
    {
        string key = launch.Kernel + "|" + launch.Variant;
        if (!_programs.TryGetValue(key, out var program))
            _programs[key] = program = _compiler.Compile(launch.Kernel, launch.Defines);
        return program;
    }

    public void Finish()
    {
        lock (_lock) ClErrors.Check(_device.Api.Finish(_device.Queue), "clFinish");
    }

    private ClBuffer Own(DeviceTensor t) =>
        t as ClBuffer ?? throw new ArgumentException($"{t} belongs to another backend, not OpenCL.");

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var p in _programs.Values) p.Dispose();
        _programs.Clear();
        _dummy.Dispose();
        _device.Dispose();
    }
}
