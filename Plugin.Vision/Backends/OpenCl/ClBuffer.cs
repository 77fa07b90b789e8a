using Silk.NET.OpenCL;
using Vision.Tensors;

namespace Vision.Backends.OpenCl;

/// <summary>One cl_mem of float32 elements, released on Dispose (idempotent; CL objects may be released from any thread).</summary>
internal sealed unsafe class ClBuffer : DeviceTensor
{
    private readonly CL _api;
    private readonly bool _owns;
    private nint _handle;

    public nint Handle => _handle != 0 ? _handle : throw new ObjectDisposedException(ToString());

    public ClBuffer(ClDevice device, int[] shape, int capacity) : base(shape, capacity)
    {
        _api = device.Api;
        _owns = true;
        int err;
        _handle = _api.CreateBuffer(device.Context, MemFlags.ReadWrite, (nuint)Math.Max(capacity, 1) * sizeof(float), null, &err);
        ClErrors.Check(err, $"clCreateBuffer({Tensor.ShapeString(shape)})");
    }

    /// <summary>A view: the same cl_mem under another shape; the storage it came from owns the memory.</summary>
    public ClBuffer(ClBuffer storage, int[] shape) : base(shape, storage.Capacity)
    {
        _api = storage._api;
        _handle = storage.Handle;
        _owns = false;
    }

    public override void Dispose()
    {
        nint h = Interlocked.Exchange(ref _handle, 0);
        if (h != 0 && _owns) _api.ReleaseMemObject(h);
    }
}
