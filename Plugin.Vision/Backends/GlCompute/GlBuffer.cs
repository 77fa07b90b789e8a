using Vision.Tensors;

namespace Vision.Backends.GlCompute;

/// <summary>One shader storage buffer of float32 elements. Dispose is idempotent and safe from any thread: off the GL
/// thread the delete is queued and done by the backend's next call on its thread.</summary>
internal sealed class GlBuffer(GlBackend owner, uint handle, int[] shape, int capacity, bool owns = true) : DeviceTensor(shape, capacity), IGlBufferHandle
{
    private uint _handle = handle;

    public uint Handle => _handle != 0 ? _handle : throw new ObjectDisposedException(ToString());

    uint IGlBufferHandle.GlBuffer => Handle;

    public GlBackend Owner { get; } = owner;

    public override void Dispose()
    {
        uint h = Interlocked.Exchange(ref _handle, 0);
        if (h != 0 && owns) Owner.ReleaseBuffer(h);
    }
}
