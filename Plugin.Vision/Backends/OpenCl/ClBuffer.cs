using Silk.NET.OpenCL;
using Vision.Tensors;

namespace Vision.Backends.OpenCl;

/// <summary>One cl_mem of float32 elements, released on Dispose (idempotent; CL objects may be released from any thread).</summary>
internal sealed unsafe class ClBuffer : DeviceTensor
{
    private readonly CL _api;
    private nint _handle;

    public nint Handle => _handle != 0 ? _handle : throw new ObjectDisposedException(ToString());

    public ClBuffer(ClDevice device, int[] shape, int capacity) : base(shape, capacity)
    {
        _api = device.Api;
        int err;
        _handle = _api.CreateBuffer(device.Context, MemFlags.ReadWrite, (nuint)Math.Max(capacity, 1) * sizeof(float), null, &err);
        ClErrors.Check(err, $"clCreateBuffer({Tensor.ShapeString(shape)})");
    }

    public override void Dispose()
    {
        nint h = Interlocked.Exchange(ref _handle, 0);
        if (h != 0) _api.ReleaseMemObject(h);
    }
}
