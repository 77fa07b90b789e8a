using Vision.Ops;
using Vision.Tensors;

namespace Vision.Backends;

/// <summary>Host-tensor conveniences over <see cref="IComputeBackend"/>, for tools and tests (each call allocates).</summary>
public static class BackendExtensions
{
    public static DeviceTensor Upload(this IComputeBackend backend, Tensor tensor)
    {
        var d = backend.Allocate((int[])tensor.Shape.Clone());
        backend.Write(d, tensor.Data);
        return d;
    }

    public static Tensor Download(this IComputeBackend backend, DeviceTensor tensor)
    {
        var t = new Tensor((int[])tensor.Shape.Clone());
        backend.Read(tensor, t.Data);
        return t;
    }

    /// <summary>Uploads the inputs, runs the op, reads the result back and frees the device memory.</summary>
    public static Tensor Run(this IComputeBackend backend, Op op, params Tensor?[] inputs)
    {
        var device = inputs.Select(t => t == null ? null : backend.Upload(t)).ToArray();
        try
        {
            using var output = backend.Allocate(op.OutputShape(inputs.Select(t => t?.Shape).ToArray()));
            backend.Execute(op, device, output);
            return backend.Download(output);
        }
        finally
        {
            foreach (var d in device) d?.Dispose();
        }
    }
}
