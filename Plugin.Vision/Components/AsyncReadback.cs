using Silk.NET.OpenGL;
using Vision.Engine.Graphics;

namespace Vision.Components;

/// <summary>
/// Reads a few floats of a GL buffer without stalling the frame: the data is copied on the GPU into a staging buffer
/// behind a fence, and fetched on a later frame once the fence has signalled. For small results only (class scores,
/// per-channel ranges); image-sized tensors stay on the GPU.
/// </summary>
internal sealed unsafe class AsyncReadback(int count) : IDisposable
{
    private GpuBuffer? _staging;
    private nint _fence;

    public float[] Result { get; } = new float[count];

    /// <summary>Increments when <see cref="Result"/> holds new data.</summary>
    public long Version { get; private set; }

    public bool Pending => _fence != 0;

    /// <summary>Starts a copy of the first <c>count</c> floats of <paramref name="source"/>; false while one is pending.</summary>
    public bool Request(GraphicsDevice device, uint source)
    {
        if (_fence != 0) return false;
        var gl = device.Gl;
        _staging ??= GpuBuffer.Create(device, BufferTargetARB.CopyWriteBuffer, (nuint)(Result.Length * sizeof(float)), BufferUsageARB.StreamRead);
        gl.MemoryBarrier(MemoryBarrierMask.BufferUpdateBarrierBit);
        gl.BindBuffer(BufferTargetARB.CopyReadBuffer, source);
        gl.BindBuffer(BufferTargetARB.CopyWriteBuffer, _staging.Handle);
        gl.CopyBufferSubData(CopyBufferSubDataTarget.CopyReadBuffer, CopyBufferSubDataTarget.CopyWriteBuffer, 0, 0, (nuint)(Result.Length * sizeof(float)));
        device.Check("glCopyBufferSubData(readback)");
        _fence = gl.FenceSync(SyncCondition.SyncGpuCommandsComplete, SyncBehaviorFlags.None);
        return true;
    }

    /// <summary>Fetches the pending copy if the GPU is done with it (never waits); true when <see cref="Result"/> changed.</summary>
    public bool Poll(GraphicsDevice device)
    {
        if (_fence == 0) return false;
        var gl = device.Gl;
        var state = gl.ClientWaitSync(_fence, (SyncObjectMask)0, 0);
        if (state != GLEnum.AlreadySignaled && state != GLEnum.ConditionSatisfied) return false;
        gl.DeleteSync(_fence);
        _fence = 0;
        gl.BindBuffer(BufferTargetARB.CopyWriteBuffer, _staging!.Handle);
        fixed (float* p = Result) gl.GetBufferSubData(BufferTargetARB.CopyWriteBuffer, 0, (nuint)(Result.Length * sizeof(float)), p);
        device.Check("glGetBufferSubData(readback)");
        Version++;
        return true;
    }

    public void Dispose()
    {
        _staging?.Dispose();
        _staging = null;
    }
}
