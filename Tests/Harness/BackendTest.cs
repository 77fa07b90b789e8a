using Vision.Backends;
using Vision.Ops;
using Vision.Tensors;

namespace Vision.Tests.Harness;

/// <summary>
/// Base of every per-backend fixture: <c>[TestFixtureSource(typeof(BackendTest), nameof(All))]</c> instantiates a
/// fixture once per backend; <see cref="Check"/> runs an op on it and compares with the CPU reference.
/// </summary>
public abstract class BackendTest(Backend kind)
{
    public static readonly object[] All = [Backend.CPU, Backend.GL, Backend.CL];

    protected Backend Kind { get; } = kind;
    protected IComputeBackend Compute => SharedBackends.Get(Kind);

    private int _seed = 1;

    /// <summary>Fixed-seed random input; each call in a test gets the next seed, so inputs differ but repeat run to run.</summary>
    protected Tensor Random(params int[] shape) => Tensor.Random(shape, _seed++);

    /// <summary>As <see cref="Random(int[])"/>, uniform in [min, max) (wide ranges reach overflow-prone inputs).</summary>
    protected Tensor RandomIn(float min, float max, params int[] shape) => Tensor.Random(shape, _seed++, min, max);

    [SetUp]
    public void ResetSeed() => _seed = 1;

    protected Tensor Check(Op op, Tensor?[] inputs, Tolerance? tolerance = null)
    {
        var expected = op.Reference(inputs);
        var actual = Compute.Run(op, inputs);
        TensorAssert.Close(expected, actual, tolerance ?? Tolerance.Kernel, $"{op.Name} on {Kind}");
        return actual;
    }

    protected Tensor Check(Op op, params Tensor?[] inputs) => Check(op, inputs, null);

    /// <summary>
    /// A hand-computed case: the CPU reference must give <paramref name="expected"/> (exactly unless told otherwise),
    /// and the backend must agree with it within the kernel tolerance.
    /// </summary>
    protected void CheckExpected(Op op, Tensor?[] inputs, Tensor expected, Tolerance? referenceTolerance = null)
    {
        TensorAssert.Close(expected, op.Reference(inputs), referenceTolerance ?? Tolerance.Exact, $"{op.Name} reference");
        TensorAssert.Close(expected, Compute.Run(op, inputs), Tolerance.Kernel, $"{op.Name} on {Kind}");
    }

    /// <summary>A literal tensor: the shape, then its elements in row-major order.</summary>
    protected static Tensor T(int[] shape, params float[] values) => new(shape, values);
}
