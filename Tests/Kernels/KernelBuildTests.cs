using Vision.Backends;
using Vision.Kernels;
using Vision.Ops;
using Vision.Tensors;
using Vision.Tests.Harness;

namespace Vision.Tests.Kernels;

/// <summary>Kernel sources: custom ops registered at run time, and build failures that carry the driver's log.</summary>
[TestFixtureSource(typeof(BackendTest), nameof(All))]
public sealed class KernelBuildTests(Backend kind) : BackendTest(kind)
{
    /// <summary>y = x * FPARAM(0) + FPARAM(1), a user's op written against the shared kernel dialect.</summary>
    private sealed class ScaleShift(string kernel, float scale, float shift) : Op
    {
        public override string Name => kernel;
        public override int[] OutputShape(IReadOnlyList<int[]?> inputs) => inputs[0]!;
        public override void Reference(IReadOnlyList<Tensor?> inputs, Tensor output)
        {
            for (int i = 0; i < output.Length; i++) output.Data[i] = inputs[0]!.Data[i] * scale + shift;
        }
        public override KernelLaunch Launch(IReadOnlyList<int[]?> inputs, int[] output) =>
            new(Name, Tensor.ShapeLength(output), [], [scale, shift]);
    }

    private static void RegisterEntries(string name, string body)
    {
        KernelSource.Register(name + ".body", body);
        KernelSource.Register(name + ".comp", $"#include \"common.glsl\"\nlayout(std430, binding = 0) readonly buffer B0 {{ float x[]; }};\nlayout(std430, binding = 1) writeonly buffer B1 {{ float y[]; }};\nvoid main()\n{{\n#include \"{name}.body\"\n}}\n");
        KernelSource.Register(name + ".cl", $"#include \"common.cl\"\n__kernel void {name}(__global const float* x, __global float* y, const Params prm)\n{{\n#include \"{name}.body\"\n}}\n");
    }

    [Test]
    public void RegisteredCustomOpRunsOnEveryBackend()
    {
        RegisterEntries("test_scale_shift", "int gid = GLOBAL_ID();\nif (gid >= ITEM_COUNT) return;\ny[gid] = x[gid] * FPARAM(0) + FPARAM(1);\n");
        Check(new ScaleShift("test_scale_shift", 2.5f, -1f), Random(3, 13, 7));
    }

    [Test]
    public void BuildFailureCarriesKernelVariantAndDriverLog()
    {
        if (Kind == Backend.CPU) Assert.Ignore("the CPU reference compiles nothing: it runs the op's C# Reference");
        RegisterEntries("test_broken", "int gid = GLOBAL_ID();\ny[gid] = undefined_symbol_here;\n");
        var e = Assert.Throws<KernelCompileException>(() => Compute.Run(new ScaleShift("test_broken", 1f, 0f), Random(4)));
        Assert.That(e!.Kernel, Is.EqualTo("test_broken"));
        Assert.That(e.BuildLog, Does.Contain("undefined_symbol_here"), "the driver's log names the offending identifier");
        Assert.That(e.Message, Does.Contain("test_broken").And.Contain("undefined_symbol_here"));
    }
}
