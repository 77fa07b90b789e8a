using System.Collections.Concurrent;
using Silk.NET.OpenGL;
using Vision.Engine.Platform;
using Vision.Kernels;
using Vision.Ops;
using Vision.Tensors;

namespace Vision.Backends.GlCompute;

/// <summary>
/// The OpenGL compute backend: each op runs its <c>Shaders/&lt;op&gt;.comp</c> over SSBOs. It runs either on the
/// engine's context (pass the window's <see cref="IGraphicsContext"/>; call it from the render thread, so frames never
/// leave the GPU) or, headless, on a context of its own owned by a dedicated <see cref="GlThread"/>.
/// </summary>
public sealed unsafe class GlBackend : IComputeBackend, IKernelProfiler
{
    public const int LocalSize = 64;
    private const int MaxGroupsX = 65535;

    private readonly GlThread? _ownThread;
    private readonly IGraphicsContext _context;
    private readonly GL _gl;
    private readonly GlCompiler _compiler;
    private readonly Dictionary<string, GlProgram> _programs = new();
    private readonly ConcurrentQueue<uint> _deadBuffers = new();
    private uint _dummy;
    private bool _disposed;

    // Read-only inputs are read through buffer textures (GlTextureReads): an R32F and an RGBA32F view per buffer,
    // made at Prepare and deleted with the buffer. Off where the driver lacks the texture units, or with
    // VISION_GL_TEXTURE_READS=0 (for A/B benchmarks); a buffer longer than the texture-buffer limit falls back to SSBOs.
    private readonly Dictionary<uint, (uint Scalar, uint Vector)> _views = new();
    private bool _textureReads;
    private long _maxTexels;

    // Per-frame calls reach the GL thread through cached delegates reading these fields (set under _callLock), so a
    // steady-state Write/Dispatch/Read allocates nothing.
    private readonly Lock _callLock = new();
    private readonly Action _dispatchWork;
    private readonly Action _writeWork;
    private readonly Action _readWork;
    private PreparedKernel[]? _argKernels;
    private int _argStart, _argCount;
    private uint _argBuffer;
    private nint _argPointer;
    private int _argFloats;

    public Backend Kind => Backend.GL;
    public string DeviceName => _context.Description;

    /// <summary>A headless backend with its own EGL context on a dedicated thread.</summary>
    public GlBackend()
    {
        try
        {
            _ownThread = new GlThread("vision-gl-compute");
        }
        catch (GraphicsContextException e)
        {
            throw new BackendUnavailableException(Backend.GL, e.Message, e);
        }
        _context = _ownThread.Context;
        _gl = _context.Gl;
        _compiler = new GlCompiler(_gl);
        (_dispatchWork, _writeWork, _readWork) = (DispatchWork, WriteWork, ReadWork);
        OnGlThread(Init);
    }

    /// <summary>A backend on an existing context (the engine's window); use it only from that context's thread.</summary>
    public GlBackend(IGraphicsContext context)
    {
        _context = context;
        _gl = context.Gl;
        _compiler = new GlCompiler(_gl);
        (_dispatchWork, _writeWork, _readWork) = (DispatchWork, WriteWork, ReadWork);
        OnGlThread(Init);
    }

    private void Init()
    {
        _gl.GetInteger(GLEnum.MajorVersion, out int major);
        _gl.GetInteger(GLEnum.MinorVersion, out int minor);
        if (major * 10 + minor < 43)
            throw new BackendUnavailableException(Backend.GL, $"OpenGL {major}.{minor} has no compute shaders; 4.3 is needed ({_context.Description}).");
        _dummy = NewBuffer(4);
        _gl.GetInteger(GLEnum.MaxComputeTextureImageUnits, out int units);
        _gl.GetInteger(GLEnum.MaxTextureBufferSize, out int texels);
        _maxTexels = texels;
        _textureReads = units >= GlTextureReads.Units && Environment.GetEnvironmentVariable("VISION_GL_TEXTURE_READS") != "0";
    }

    /// <summary>The buffer-texture views of a buffer (made on first use, on the GL thread).</summary>
    private (uint Scalar, uint Vector) Views(uint buffer)
    {
        if (_views.TryGetValue(buffer, out var v)) return v;
        uint View(SizedInternalFormat format)
        {
            uint t = _gl.GenTexture();
            _gl.BindTexture(TextureTarget.TextureBuffer, t);
            _gl.TexBuffer(TextureTarget.TextureBuffer, format, buffer);
            return t;
        }
        v = (View(SizedInternalFormat.R32f), View(SizedInternalFormat.Rgba32f));
        _gl.BindTexture(TextureTarget.TextureBuffer, 0);
        Check($"making buffer-texture views of buffer {buffer}");
        return _views[buffer] = v;
    }

    private void OnGlThread(Action work)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_ownThread != null)
        {
            // Buffers released elsewhere were posted for deletion before this call, so the GL thread drains them first.
            _ownThread.Invoke(work);
            return;
        }
        if (Environment.CurrentManagedThreadId != _context.OwnerThreadId)
            throw new InvalidOperationException(
                $"GL backend called from thread {Environment.CurrentManagedThreadId}; its context belongs to thread {_context.OwnerThreadId}. Call it from the render thread.");
        DeleteDeadBuffers();
        work();
    }

    public DeviceTensor Allocate(int[] shape)
    {
        int n = Tensor.ShapeLength(shape);
        uint handle = 0;
        OnGlThread(() => handle = NewBuffer(n));
        return new GlBuffer(this, handle, shape, n);
    }

    private uint NewBuffer(int floats)
    {
        uint h = _gl.GenBuffer();
        _gl.BindBuffer(BufferTargetARB.ShaderStorageBuffer, h);
        _gl.BufferData(BufferTargetARB.ShaderStorageBuffer, (nuint)Math.Max(floats, 1) * sizeof(float), null, BufferUsageARB.DynamicCopy);
        Check($"allocating a buffer of {floats} floats");
        return h;
    }

    internal void ReleaseBuffer(uint handle)
    {
        if (_disposed) return;
        _deadBuffers.Enqueue(handle);
        if (_ownThread != null) _ownThread.Post(DeleteDeadBuffers);
        else if (Environment.CurrentManagedThreadId == _context.OwnerThreadId) DeleteDeadBuffers();
    }

    private void DeleteDeadBuffers()
    {
        while (_deadBuffers.TryDequeue(out uint h))
        {
            if (_views.Remove(h, out var v))
            {
                _gl.DeleteTexture(v.Scalar);
                _gl.DeleteTexture(v.Vector);
            }
            _gl.DeleteBuffer(h);
        }
    }

    public void Write(DeviceTensor destination, ReadOnlySpan<float> source)
    {
        var b = Own(destination);
        if (source.Length != b.Length) throw new ArgumentException($"gl: writing {source.Length} floats into a tensor of {b.Length}.");
        fixed (float* p = source)
            lock (_callLock)
            {
                (_argBuffer, _argPointer, _argFloats) = (b.Handle, (nint)p, source.Length);
                OnGlThread(_writeWork);
            }
    }

    private void WriteWork()
    {
        _gl.BindBuffer(BufferTargetARB.ShaderStorageBuffer, _argBuffer);
        _gl.BufferSubData(BufferTargetARB.ShaderStorageBuffer, 0, (nuint)_argFloats * sizeof(float), (void*)_argPointer);
        Check("glBufferSubData");
    }

    public void Read(DeviceTensor source, Span<float> destination)
    {
        var b = Own(source);
        if (destination.Length != b.Length) throw new ArgumentException($"gl: reading a tensor of {b.Length} floats into {destination.Length}.");
        fixed (float* p = destination)
            lock (_callLock)
            {
                (_argBuffer, _argPointer, _argFloats) = (b.Handle, (nint)p, destination.Length);
                OnGlThread(_readWork);
            }
    }

    private void ReadWork()
    {
        _gl.MemoryBarrier(MemoryBarrierMask.BufferUpdateBarrierBit);
        _gl.BindBuffer(BufferTargetARB.ShaderStorageBuffer, _argBuffer);
        _gl.GetBufferSubData(BufferTargetARB.ShaderStorageBuffer, 0, (nuint)_argFloats * sizeof(float), (void*)_argPointer);
        Check("glGetBufferSubData");
    }

    public DeviceTensor View(DeviceTensor storage, int[] shape)
    {
        var b = Own(storage);
        if (Tensor.ShapeLength(shape) > b.Capacity) throw new ArgumentException($"gl: view {Tensor.ShapeString(shape)} exceeds {b.Capacity} elements.");
        return new GlBuffer(this, b.Handle, shape, b.Capacity, owns: false);
    }

    public PreparedKernel Prepare(Op op, IReadOnlyList<DeviceTensor?> inputs, DeviceTensor output)
    {
        inputs = PreparedKernel.Slots(op, inputs);
        var shapes = inputs.Select(t => t?.Shape).ToArray();
        var buffers = inputs.Select(t => t == null ? 0u : Own(t).Handle).Append(Own(output).Handle).ToArray();
        // Pure data movement in a few long runs: buffer copies (llvmpipe: a memcpy each) instead of a dispatch.
        if (op.Copies(shapes, output.Shape) is { } copies) return new GlCopyKernel(op, inputs, output, buffers, [.. copies]);
        var launch = op.Launch(shapes, output.Shape);
        bool textureReads = _textureReads && buffers.Length <= GlTextureReads.VectorUnitBase
            && inputs.All(t => t == null || Own(t).Capacity <= _maxTexels);
        GlProgram? program = null;
        uint[] textures = new uint[GlTextureReads.Units];
        OnGlThread(() =>
        {
            program = Program(launch, textureReads);
            if (!textureReads) return;
            for (int slot = 0; slot < buffers.Length; slot++)
                (textures[slot], textures[GlTextureReads.VectorUnitBase + slot]) = Views(buffers[slot] == 0 ? _dummy : buffers[slot]);
        });
        return new GlKernel(op, inputs, output, program!, buffers, textures, launch);
    }

    public void Dispatch(PreparedKernel[] kernels, int start, int count)
    {
        lock (_callLock)
        {
            (_argKernels, _argStart, _argCount) = (kernels, start, count);
            try
            {
                OnGlThread(_dispatchWork);
            }
            finally
            {
                _argKernels = null;
            }
        }
    }

    private void DispatchWork()
    {
        var kernels = _argKernels!;
        for (int i = _argStart; i < _argStart + _argCount; i++) Run(kernels[i]);
    }

    public void Profile(PreparedKernel[] kernels, int start, int count, Span<double> milliseconds)
    {
        var times = new double[count];
        OnGlThread(() =>
        {
            _gl.Finish();
            var queries = new uint[count];
            fixed (uint* q = queries) _gl.GenQueries((uint)count, q);
            for (int i = 0; i < count; i++)
            {
                _gl.BeginQuery(QueryTarget.TimeElapsed, queries[i]);
                Run(kernels[start + i]);
                _gl.EndQuery(QueryTarget.TimeElapsed);
            }
            _gl.Finish();
            for (int i = 0; i < count; i++)
            {
                _gl.GetQueryObject(queries[i], QueryObjectParameterName.Result, out ulong ns);
                times[i] = ns / 1e6;
            }
            fixed (uint* q = queries) _gl.DeleteQueries((uint)count, q);
            Check("timer queries");
            // llvmpipe answers GL_TIME_ELAPSED with 0 for compute work: time each dispatch to its glFinish instead.
            if (times.Sum() < 0.001 * count)
                for (int i = 0; i < count; i++)
                {
                    long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
                    Run(kernels[start + i]);
                    _gl.Finish();
                    times[i] = System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                }
        });
        times.CopyTo(milliseconds);
    }

    private GlProgram Program(KernelLaunch launch, bool textureReads)
    {
        string key = launch.Kernel + "|" + launch.Variant + (textureReads ? "|t" : "");
        if (!_programs.TryGetValue(key, out var program))
            _programs[key] = program = _compiler.Compile(launch.Kernel, launch.Defines, textureReads);
        return program;
    }

    private void Run(PreparedKernel k)
    {
        if (k is GlCopyKernel copy) Copy(copy);
        else Dispatch((GlKernel)k);
    }

    private void Copy(GlCopyKernel k)
    {
        // The copy-read/copy-write targets (GL 3.1), not the named-buffer call: the backend needs only GL 4.3.
        _gl.BindBuffer(BufferTargetARB.CopyWriteBuffer, k.Buffers[^1]);
        foreach (var c in k.Copies)
        {
            _gl.BindBuffer(BufferTargetARB.CopyReadBuffer, k.Buffers[c.Input]);
            _gl.CopyBufferSubData(CopyBufferSubDataTarget.CopyReadBuffer, CopyBufferSubDataTarget.CopyWriteBuffer,
                (nint)(c.Source * sizeof(float)), (nint)(c.Destination * sizeof(float)), (nuint)(c.Length * sizeof(float)));
        }
        if (_gl.GetError() is var error && error != GLEnum.NoError)
            throw new ComputeException($"OpenGL: glCopyBufferSubData({k.Op.Name}, {k.Copies.Length} runs) failed with {error}.", (int)error);
    }

    private void Dispatch(GlKernel k)
    {
        if (k.Items == 0) return;
        var program = k.Program;
        _gl.UseProgram(program.Handle);
        for (uint slot = 0; slot < k.Buffers.Length; slot++)
            _gl.BindBufferBase(BufferTargetARB.ShaderStorageBuffer, slot, k.Buffers[slot] == 0 ? _dummy : k.Buffers[slot]);
        if (program.TextureReads)
            fixed (uint* t = k.Textures) _gl.BindTextures(0, GlTextureReads.Units, t);
        if (program.CountLocation >= 0) _gl.Uniform1(program.CountLocation, k.Items);
        if (program.ParamsLocation >= 0)
            fixed (int* p = k.Ints) _gl.Uniform1(program.ParamsLocation, (uint)KernelLaunch.MaxInts, p);
        if (program.FloatsLocation >= 0)
            fixed (float* f = k.Floats) _gl.Uniform1(program.FloatsLocation, (uint)KernelLaunch.MaxFloats, f);
        _gl.DispatchCompute(k.GroupsX, k.GroupsY, 1);
        // Later dispatches read this output as storage or texture buffers, and buffer copies (GlCopyKernel) read it too.
        _gl.MemoryBarrier(MemoryBarrierMask.ShaderStorageBarrierBit | MemoryBarrierMask.TextureFetchBarrierBit | MemoryBarrierMask.BufferUpdateBarrierBit);
        if (_gl.GetError() is var error && error != GLEnum.NoError)
            throw new ComputeException($"OpenGL: glDispatchCompute({k.Op.Name} [{program.Variant}]) failed with {error}.", (int)error);
    }

    /// <summary>An op run as buffer copies (<see cref="Op.Copies"/>): the input buffers, the output last.</summary>
    private sealed class GlCopyKernel(Op op, IReadOnlyList<DeviceTensor?> inputs, DeviceTensor output, uint[] buffers, BlockCopy[] copies)
        : PreparedKernel(op, CheckShapes(op, inputs, output))
    {
        public uint[] Buffers { get; } = buffers;
        public BlockCopy[] Copies { get; } = copies;
    }

    private sealed class GlKernel : PreparedKernel
    {
        public GlProgram Program { get; }
        public uint[] Buffers { get; }
        public uint[] Textures { get; }
        public int[] Ints { get; } = new int[KernelLaunch.MaxInts];
        public float[] Floats { get; } = new float[KernelLaunch.MaxFloats];
        public int Items { get; }
        public uint GroupsX { get; }
        public uint GroupsY { get; }

        public GlKernel(Op op, IReadOnlyList<DeviceTensor?> inputs, DeviceTensor output, GlProgram program, uint[] buffers, uint[] textures, KernelLaunch launch)
            : base(op, CheckShapes(op, inputs, output))
        {
            Program = program;
            Buffers = buffers;
            Textures = textures;
            launch.Ints.CopyTo(Ints, 0);
            launch.Floats.CopyTo(Floats, 0);
            Items = launch.Items;
            // A 2D grid when a 1D one would exceed the 65535-group limit; kernels recover the flat id (GLOBAL_ID).
            uint groups = (uint)((launch.Items + LocalSize - 1) / LocalSize);
            GroupsX = Math.Min(groups, MaxGroupsX);
            GroupsY = GroupsX == 0 ? 0 : (groups + GroupsX - 1) / GroupsX;
        }
    }

    /// <summary>Bytes allocated so far by the thread that runs this backend's GL calls (tests: a steady-state frame adds none).</summary>
    internal long AllocatedBytesOnGlThread()
    {
        long bytes = 0;
        OnGlThread(() => bytes = GC.GetAllocatedBytesForCurrentThread());
        return bytes;
    }

    public void Finish() => OnGlThread(() => { _gl.Finish(); Check("glFinish"); });

    private void Check(string call)
    {
        var error = _gl.GetError();
        if (error != GLEnum.NoError)
            throw new ComputeException($"OpenGL: {call} failed with {error}.", (int)error);
    }

    private GlBuffer Own(DeviceTensor t) =>
        t is GlBuffer b && b.Owner == this ? b : throw new ArgumentException($"{t} belongs to another backend, not this GL backend.");

    public void Dispose()
    {
        if (_disposed) return;
        void Release()
        {
            DeleteDeadBuffers();
            foreach (var (scalar, vector) in _views.Values)
            {
                _gl.DeleteTexture(scalar);
                _gl.DeleteTexture(vector);
            }
            _views.Clear();
            foreach (var p in _programs.Values) p.Dispose();
            _programs.Clear();
            if (_dummy != 0) _gl.DeleteBuffer(_dummy);
        }
        if (_ownThread != null) _ownThread.Invoke(Release);
        else if (Environment.CurrentManagedThreadId == _context.OwnerThreadId) Release();
        _disposed = true;
        _ownThread?.Dispose();
    }
}
